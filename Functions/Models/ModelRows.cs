namespace HealthOracle.Functions.Models;

/// <summary>
/// Rows for one run of a model, added row by row in field order (NaN where a value is not given) and scored as the model's
/// column-major [rows, 1] inputs. A run costs about the same whatever its rows (the graph's nodes and their allocations, not
/// arithmetic: bench/devhost/README.md, "Where the worker's CPU goes"), so an explained answer puts its patients, their healthy
/// comparisons and the explainer's rows in one.
/// </summary>
internal sealed class ModelRows(int fields, int capacity)
{
    private readonly List<float> _values = new(fields * capacity);

    public int Count => _values.Count / fields;

    /// <summary>Adds a row; returns its index.</summary>
    public int Add(ReadOnlySpan<float> row)
    {
        _values.AddRange(row);
        return Count - 1;
    }

    /// <summary>Adds <paramref name="row"/> with one value changed; returns its index.</summary>
    public int AddWith(ReadOnlySpan<float> row, int field, float value)
    {
        var at = _values.Count;
        _values.AddRange(row);
        _values[at + field] = value;
        return Count - 1;
    }

    /// <summary>Adds row-major values (a batch's <c>Values</c>); returns the first row's index.</summary>
    public int AddRows(ReadOnlySpan<double> values)
    {
        var first = Count;
        foreach (var value in values)
        {
            _values.Add((float)value);
        }

        return first;
    }

    /// <summary>
    /// Scores every row in one run: with <paramref name="everyOutput"/> the probability and every output the model has
    /// beside it (its log-odds, its interval's terms), else the probability alone.
    /// </summary>
    public ScoredRows Score(LoadedModel model, bool everyOutput)
    {
        var rows = Count;
        var columns = new float[_values.Count];
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < fields; f++)
            {
                columns[(f * rows) + r] = _values[(r * fields) + f];
            }
        }

        return model.ScoreRows(columns, rows, everyOutput);
    }
}

/// <summary>The outputs of one run, row by row: the probability, and when they were read, its log-odds and interval.</summary>
internal sealed class ScoredRows(float[] probabilities, float[] logOdds, float[]? terms, RiskIntervals? intervals)
{
    public float[] Probabilities { get; } = probabilities;

    /// <summary>Each row's log-odds; empty when the model has none or they were not read.</summary>
    public float[] LogOdds { get; } = logOdds;

    /// <summary>Row <paramref name="row"/>'s 95% interval, or null when the model has none or its terms were not read.</summary>
    public RiskInterval? IntervalOf(int row) =>
        intervals is null || terms is null ? null : intervals.Of(Probabilities[row], LogOdds[row], terms.AsSpan(row * intervals.Terms, intervals.Terms));
}
