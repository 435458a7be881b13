using System.Collections.Concurrent;
using HealthOracle.Diseases.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Functions.Models;

/// <summary>
/// A verified model and its ONNX Runtime session. Reference-counted: the registry holds one reference
/// while the model is current, and every request holds one through a <see cref="ModelLease"/>. When the
/// registry retires the model (a new version was swapped in) the session is disposed after its last user.
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _outputShape;
    private readonly string[]? _bothOutputNames;
    private readonly RunOptions _runOptions = new();
    private readonly ConcurrentBag<SingleRowRun> _singleRows = [];
    private readonly ConcurrentBag<SingleRowRun> _singleRowsWithIntervals = [];
    private readonly RiskIntervals? _intervals;
    private readonly string[]? _intervalOutputNames;
    private int _references = 1;
    private int _retired;

    public LoadedModel(ModelEntry entry, InferenceSession session, string[] inputNames, DateTimeOffset loadedAtUtc, double loadMilliseconds)
    {
        Entry = entry;
        _session = session;
        // One patient's output: [1] or [1,1], as the graph declares it (verified at load).
        _outputShape = session.OutputMetadata[entry.Output].Dimensions.Select(d => 1L).ToArray();
        _inputNames = inputNames;
        _outputNames = [entry.Output];
        // Verified at load: a log-odds output the manifest names is in the graph.
        if (entry.Explanation?.LogOddsOutput is { } logOdds && session.OutputMetadata.ContainsKey(logOdds))
        {
            _bothOutputNames = [entry.Output, logOdds];
            // Verified at load: the interval's description holds together and the graph has its terms output.
            if (entry.Interval is { } interval && RiskIntervals.From(interval, out _) is { } intervals && session.OutputMetadata.ContainsKey(interval.TermsOutput))
            {
                _intervals = intervals;
                _intervalOutputNames = [entry.Output, logOdds, interval.TermsOutput];
            }
        }

        LoadedAtUtc = loadedAtUtc;
        LoadMilliseconds = loadMilliseconds;
    }

    public ModelEntry Entry { get; }

    public DateTimeOffset LoadedAtUtc { get; }

    public double LoadMilliseconds { get; }

    public int InputCount => _inputNames.Length;

    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>True when the graph also gives each probability's log-odds (the input of its final sigmoid).</summary>
    public bool HasLogOdds => _bothOutputNames is not null;

    /// <summary>True when every estimate of this model can carry its 95% interval (the manifest describes it and the graph gives the terms).</summary>
    public bool HasIntervals => _intervals is not null;

    /// <summary>Takes a reference unless the model has already been released by everyone.</summary>
    public bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            DisposeSession();
        }
    }

    /// <summary>Drops the registry's reference once; the session goes when the last lease ends.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            Release();
        }
    }

    void IDisposable.Dispose() => Retire();

    /// <summary>
    /// Scores <paramref name="rows"/> patients in one run. <paramref name="columns"/> is column-major: the
    /// values of input i are <c>columns[i*rows .. (i+1)*rows)</c>, so each input is a zero-copy [rows,1] tensor.
    /// </summary>
    public void Score(float[] columns, int rows, Span<float> probabilities)
    {
        if (rows == 1)
        {
            ScoreOne(columns, probabilities);
            return;
        }

        ScoreRows(columns, rows, everyOutput: false).Probabilities.CopyTo(probabilities);
    }

    /// <summary>
    /// Scores <paramref name="rows"/> patients as <see cref="Score(float[], int, Span{float})"/> does and, in the same run, gives
    /// each its 95% interval from the graph's log-odds and terms (<see cref="RiskIntervals"/>); the intervals stay null
    /// for a model whose manifest predates them.
    /// </summary>
    public void Score(float[] columns, int rows, Span<float> probabilities, Span<RiskInterval?> intervals)
    {
        if (_intervals is null)
        {
            Score(columns, rows, probabilities);
            intervals[..rows].Clear();
            return;
        }

        if (rows == 1)
        {
            ScoreOneWithInterval(columns, probabilities, intervals);
            return;
        }

        var scored = ScoreRows(columns, rows, everyOutput: true);
        scored.Probabilities.CopyTo(probabilities);
        for (var r = 0; r < rows; r++)
        {
            intervals[r] = scored.IntervalOf(r);
        }
    }

    /// <summary>
    /// Scores <paramref name="rows"/> rows in one run (column-major, as <see cref="Score(float[], int, Span{float})"/>): with
    /// <paramref name="everyOutput"/> the probability and every output the model has beside it, its log-odds (which keep their
    /// precision where a float32 probability is all but 0 or 1) and its interval's terms; else the probability alone.
    /// </summary>
    public ScoredRows ScoreRows(float[] columns, int rows, bool everyOutput)
    {
        var names = everyOutput ? _intervalOutputNames ?? _bothOutputNames ?? _outputNames : _outputNames;
        var intervals = names.Length > 2 ? _intervals : null;
        var probabilities = new float[rows];
        var logOdds = names.Length > 1 ? new float[rows] : [];
        var terms = intervals is null ? null : new float[rows * intervals.Terms];
        if (rows == 0)
        {
            return new ScoredRows(probabilities, logOdds, terms, intervals);
        }

        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            var shape = new long[] { rows, 1 };
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(columns, i * rows, rows), shape);
            }

            using var outputs = _session.Run(_runOptions, _inputNames, inputs, names);
            // The outputs are [N] or [N,1], and [N,terms]: N contiguous floats, and N rows of the terms.
            outputs[0].GetTensorDataAsSpan<float>()[..rows].CopyTo(probabilities);
            if (logOdds.Length > 0)
            {
                outputs[1].GetTensorDataAsSpan<float>()[..rows].CopyTo(logOdds);
            }

            if (terms is not null)
            {
                outputs[2].GetTensorDataAsSpan<float>()[..terms.Length].CopyTo(terms);
            }
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }

        return new ScoredRows(probabilities, logOdds, terms, intervals);
    }

    /// <summary>
    /// One patient, the common case: a pooled binding whose input and output tensors are pinned and bound
    /// once, so a run only copies the row in and the probability out (about half the cost of a plain run).
    /// </summary>
    private void ScoreOne(float[] row, Span<float> probability)
    {
        if (!_singleRows.TryTake(out var run))
        {
            run = new SingleRowRun(_session, _inputNames, Entry.Output, _outputShape);
        }

        try
        {
            row.AsSpan(0, run.Row.Length).CopyTo(run.Row);
            _session.RunWithBinding(_runOptions, run.Binding);
            probability[0] = run.Probability[0];
        }
        catch
        {
            run.Dispose();
            throw;
        }

        _singleRows.Add(run);
    }

    /// <summary>One patient with its interval: a pooled binding with the probability, log-odds and terms outputs bound as well.</summary>
    private void ScoreOneWithInterval(float[] row, Span<float> probability, Span<RiskInterval?> interval)
    {
        if (!_singleRowsWithIntervals.TryTake(out var run))
        {
            run = new SingleRowRun(_session, _inputNames, _intervalOutputNames!, [_outputShape, _outputShape, [1, _intervals!.Terms]]);
        }

        try
        {
            row.AsSpan(0, run.Row.Length).CopyTo(run.Row);
            _session.RunWithBinding(_runOptions, run.Binding);
            probability[0] = run.Outputs[0][0];
            interval[0] = _intervals!.Of(run.Outputs[0][0], run.Outputs[1][0], run.Outputs[2]);
        }
        catch
        {
            run.Dispose();
            throw;
        }

        _singleRowsWithIntervals.Add(run);
    }

    private void DisposeSession()
    {
        while (_singleRows.TryTake(out var run))
        {
            run.Dispose();
        }

        while (_singleRowsWithIntervals.TryTake(out var run))
        {
            run.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    /// <summary>One row of pinned inputs and pinned outputs, bound to the session.</summary>
    private sealed class SingleRowRun : IDisposable
    {
        private readonly OrtValue[] _inputs;
        private readonly OrtValue[] _outputs;

        public SingleRowRun(InferenceSession session, string[] inputNames, string outputName, long[] outputShape)
            : this(session, inputNames, [outputName], [outputShape])
        {
        }

        public SingleRowRun(InferenceSession session, string[] inputNames, string[] outputNames, long[][] outputShapes)
        {
            Row = new float[inputNames.Length];
            _inputs = new OrtValue[inputNames.Length];
            Binding = session.CreateIoBinding();
            for (var i = 0; i < inputNames.Length; i++)
            {
                _inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(Row, i, 1), [1, 1]);
                Binding.BindInput(inputNames[i], _inputs[i]);
            }

            Outputs = [.. outputShapes.Select(shape => new float[shape.Aggregate(1L, (a, b) => a * b)])];
            _outputs = new OrtValue[outputNames.Length];
            for (var o = 0; o < outputNames.Length; o++)
            {
                _outputs[o] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(Outputs[o]), outputShapes[o]);
                Binding.BindOutput(outputNames[o], _outputs[o]);
            }
        }

        public float[] Row { get; }

        /// <summary>Each bound output's values, in the order the outputs were named.</summary>
        public float[][] Outputs { get; }

        public float[] Probability => Outputs[0];

        public OrtIoBinding Binding { get; }

        public void Dispose()
        {
            Binding.Dispose();
            foreach (var output in _outputs)
            {
                output.Dispose();
            }

            foreach (var input in _inputs)
            {
                input.Dispose();
            }
        }
    }
}

/// <summary>
/// A request's hold on a model: the session stays alive until the lease is disposed. Disposing twice
/// releases once, so a lease cannot drop a reference that another request holds.
/// </summary>
internal sealed class ModelLease(LoadedModel model) : IDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Model.Release();
        }
    }
}
