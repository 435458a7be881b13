using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;

namespace HealthOracle.Training.Uncertainty;

/// <summary>
/// The design vector a model's log-odds are linear in: z = (1, each feature's term less its centre, or 0 when the
/// term is missing, then 1 for each feature of <see cref="Missing"/> whose term is missing). Every replicate of the
/// pipeline is exactly linear in z: standardisation and the regression are affine in the terms, and a missing term
/// becomes that replicate's own imputed value, a constant per feature (its coefficient on the missing indicator).
/// The app builds the same vector from the graph's <c>Terms.output</c> and the manifest's centres.
/// </summary>
internal sealed class IntervalDesign
{
    private readonly TermShape _shape;
    private readonly int[] _missingSlot;

    /// <param name="shape">The served model's terms.</param>
    /// <param name="imputation">The served model's imputed term of every field (the centres of its features).</param>
    /// <param name="table">The training rows: a feature that any of them lacks, or whose field is optional, gets a missing coefficient.</param>
    public IntervalDesign(TermShape shape, IReadOnlyList<float> imputation, PatientTable table)
    {
        _shape = shape;
        var fields = shape.Disease.Fields;
        Centers = [.. shape.Features.Select(f => (double)imputation[f])];
        var missing = shape.Features
            .Where(f => !fields[f].Required || table.Rows.Any(r => float.IsNaN(shape.Term(f, r))))
            .ToArray();
        Missing = missing;
        _missingSlot = [.. shape.Features.Select(f => Array.IndexOf(missing, f))];
    }

    /// <summary>The centre of each feature's term, in feature order.</summary>
    public IReadOnlyList<double> Centers { get; }

    /// <summary>The features (field indices) with a coefficient for a missing term, in field order.</summary>
    public IReadOnlyList<int> Missing { get; }

    public int Terms => Centers.Count;

    /// <summary>1 + terms + missing coefficients.</summary>
    public int Size => 1 + Terms + Missing.Count;

    public IEnumerable<string> TermNames => _shape.Features.Select(f => _shape.Disease.Fields[f].Name);

    public IEnumerable<string> MissingNames => Missing.Select(f => _shape.Disease.Fields[f].Name);

    /// <summary>A raw row's design vector.</summary>
    public void Fill(ReadOnlySpan<float> row, Span<double> z)
    {
        z.Clear();
        z[0] = 1;
        for (var j = 0; j < Terms; j++)
        {
            var term = _shape.Term(_shape.Features[j], row);
            if (!float.IsNaN(term))
            {
                z[1 + j] = term - Centers[j];
            }
            else if (_missingSlot[j] >= 0)
            {
                z[1 + Terms + _missingSlot[j]] = 1;
            }
        }
    }

    public double[] Row(ReadOnlySpan<float> row)
    {
        var z = new double[Size];
        Fill(row, z);
        return z;
    }

    /// <summary>
    /// Rows on which every coefficient can be read off a model: the training rows, and for each feature with a missing
    /// coefficient the first rows again with that feature's field (or fields) missing.
    /// </summary>
    public PatientTable Probes(PatientTable table, int perMissing = 20)
    {
        var rows = new List<float[]>(table.Rows);
        foreach (var f in Missing)
        {
            var inputs = _shape.DerivedInputs(f) is { Count: > 0 } derived ? derived : [f];
            rows.AddRange(table.Rows.Take(perMissing).Select(r =>
            {
                var copy = (float[])r.Clone();
                copy[inputs[0]] = float.NaN;
                return copy;
            }));
        }

        return new PatientTable(table.Disease, rows, [.. rows.Select(_ => false)], []);
    }

    /// <summary>zᵀ·Σ·z.</summary>
    public static double Variance(ReadOnlySpan<double> z, double[,] covariance)
    {
        var total = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            if (z[i] == 0)
            {
                continue;
            }

            var row = 0.0;
            for (var j = 0; j < z.Length; j++)
            {
                row += covariance[i, j] * z[j];
            }

            total += z[i] * row;
        }

        return Math.Max(0, total);
    }
}
