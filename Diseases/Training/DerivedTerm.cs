using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Training;

/// <summary>The formulas a derived term can be; the training tool writes each into the ONNX graph.</summary>
public enum DerivedFormula
{
    /// <summary>ln eGFR by <see cref="Egfr.LnCkdEpi2021"/>, from creatinine (mg/dl), age (years) and sex (0/1, or not known).</summary>
    LnEgfrCkdEpi2021,
}

/// <summary>
/// A quantity the model takes in place of one input's raw value, computed from several inputs inside the graph
/// (so that callers still send the raw fields): the carrier field's term is <see cref="Formula"/> of
/// <see cref="Inputs"/>. The carrier keeps its place among the inputs; the explanation names the term.
/// </summary>
/// <param name="Carrier">The field whose term this is (its raw value is the formula's first input).</param>
/// <param name="Formula">The formula.</param>
/// <param name="Inputs">The fields the formula reads, in the formula's order.</param>
/// <param name="Label">The term as people read it, e.g. "eGFR".</param>
/// <param name="Unit">The unit of the quantity (before any logarithm).</param>
/// <param name="Source">Where the formula comes from.</param>
/// <param name="Decreasing">True when the term falls as the carrier rises (eGFR falls as creatinine rises).</param>
public sealed record DerivedTerm(string Carrier, DerivedFormula Formula, IReadOnlyList<string> Inputs, string Label, string Unit, string Source, bool Decreasing)
{
    /// <summary>The term from the inputs' values, in <see cref="Inputs"/> order; NaN when a value it needs is missing.</summary>
    public double Evaluate(ReadOnlySpan<double> inputs) => Formula switch
    {
        DerivedFormula.LnEgfrCkdEpi2021 => Egfr.LnCkdEpi2021(inputs[0], inputs[1], inputs[2]),
        _ => throw new InvalidOperationException($"No formula {Formula}."),
    };

    /// <summary>The quantity itself (eGFR, not its logarithm), for display.</summary>
    public double Quantity(ReadOnlySpan<double> inputs) => Formula switch
    {
        DerivedFormula.LnEgfrCkdEpi2021 => Math.Exp(Evaluate(inputs)),
        _ => throw new InvalidOperationException($"No formula {Formula}."),
    };
}
