using HealthOracle.Functions.Models.Manifest;
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
    private int _references = 1;
    private int _retired;

    public LoadedModel(ModelEntry entry, InferenceSession session, string[] inputNames, DateTimeOffset loadedAtUtc, double loadMilliseconds)
    {
        Entry = entry;
        _session = session;
        _inputNames = inputNames;
        _outputNames = [entry.Output];
        LoadedAtUtc = loadedAtUtc;
        LoadMilliseconds = loadMilliseconds;
    }

    public ModelEntry Entry { get; }

    public DateTimeOffset LoadedAtUtc { get; }

    public double LoadMilliseconds { get; }

    public int InputCount => _inputNames.Length;

    public bool IsDisposed => Volatile.Read(ref _references) == 0;

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
            _session.Dispose();
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
        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            var shape = new long[] { rows, 1 };
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(columns, i * rows, rows), shape);
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputNames, inputs, _outputNames);
            // The output is [N] or [N,1]: both are N contiguous floats.
            outputs[0].GetTensorDataAsSpan<float>()[..rows].CopyTo(probabilities);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }
    }
}

/// <summary>A request's hold on a model: the session stays alive until the lease is disposed.</summary>
internal readonly struct ModelLease(LoadedModel model) : IDisposable
{
    public LoadedModel Model { get; } = model;

    public void Dispose() => Model?.Release();
}
