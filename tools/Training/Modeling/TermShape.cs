using HealthOracle.Diseases;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Training.Modeling;

/// <summary>How one field becomes the model's term: its raw value, ln(x + 1) of it, or a derived quantity of several fields.</summary>
internal enum TermKind
{
    Raw,
    Log1p,
    Derived,
}

/// <summary>
/// The per-field terms of a disease's regression: each field's term is its raw value, ln(x + 1) of it (a skewed
/// laboratory value, for a log candidate), or a <see cref="DerivedTerm"/> of several fields that takes the field's
/// place (eGFR for creatinine). The features are the terms of every field the training plan does not leave
/// unweighted. The ML.NET transform (<see cref="TermsTransformer"/>), the ONNX graph (<see cref="Onnx.OnnxTerms"/>)
/// and the interval's design (<see cref="Uncertainty.IntervalDesign"/>) all read this one description.
/// </summary>
internal sealed class TermShape
{
    private readonly DerivedTerm?[] _derived;
    private readonly int[][] _derivedInputs;

    public TermShape(DiseaseDefinition disease, IReadOnlyList<string> logged)
    {
        Disease = disease;
        Logged = logged;
        var n = disease.Fields.Count;
        var kinds = new TermKind[n];
        _derived = new DerivedTerm?[n];
        _derivedInputs = new int[n][];
        for (var f = 0; f < n; f++)
        {
            var name = disease.Fields[f].Name;
            var derived = disease.Training.Derived.FirstOrDefault(d => d.Carrier == name);
            _derived[f] = derived;
            _derivedInputs[f] = derived is null ? [] : [.. derived.Inputs.Select(disease.IndexOf)];
            kinds[f] = derived is not null ? TermKind.Derived : logged.Contains(name) ? TermKind.Log1p : TermKind.Raw;
        }

        Kinds = kinds;
        Features = [.. Enumerable.Range(0, n).Where(f => !disease.Training.Unweighted.Contains(disease.Fields[f].Name))];
    }

    public DiseaseDefinition Disease { get; }

    /// <summary>The fields taken as ln(x + 1).</summary>
    public IReadOnlyList<string> Logged { get; }

    /// <summary>Each field's kind of term, in field order.</summary>
    public IReadOnlyList<TermKind> Kinds { get; }

    /// <summary>The fields whose terms the model may weight, in field order.</summary>
    public IReadOnlyList<int> Features { get; }

    public IEnumerable<string> FeatureNames => Features.Select(f => Disease.Fields[f].Name);

    /// <summary>The derived term a field carries, or null.</summary>
    public DerivedTerm? DerivedOf(int field) => _derived[field];

    /// <summary>The fields a derived term reads, in its formula's order (empty for other terms).</summary>
    public IReadOnlyList<int> DerivedInputs(int field) => _derivedInputs[field];

    /// <summary>+1 when a field's term rises with the field, −1 when it falls (eGFR falls as creatinine rises).</summary>
    public int Monotonicity(int field) => _derived[field] is { Decreasing: true } ? -1 : 1;

    /// <summary>ln(x + 1) in float, exactly as the graph computes it (Add then Log).</summary>
    public static float Log1p(float value) => MathF.Log(value + 1f);

    /// <summary>A field's term from a raw row (fields in order, NaN for missing); NaN when the term is missing.</summary>
    public float Term(int field, ReadOnlySpan<float> row)
    {
        switch (Kinds[field])
        {
            case TermKind.Log1p:
                return Log1p(row[field]);
            case TermKind.Derived:
                var inputs = _derivedInputs[field];
                Span<double> values = stackalloc double[inputs.Length];
                for (var i = 0; i < inputs.Length; i++)
                {
                    values[i] = row[inputs[i]];
                }

                return (float)_derived[field]!.Evaluate(values);
            default:
                return row[field];
        }
    }
}
