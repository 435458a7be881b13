namespace HealthOracle.Diseases.Fields;

/// <summary>
/// The healthy range of an input a person can change, with its source. A what-if moves a value outside
/// the range to its nearest edge; a value inside it is at target already.
/// </summary>
/// <param name="Low">The lowest healthy value, in the field's unit.</param>
/// <param name="High">The highest healthy value, in the field's unit.</param>
/// <param name="Source">The guideline the range comes from.</param>
public sealed record HealthyTarget(double Low, double High, string Source)
{
    /// <summary>The nearest healthy value to <paramref name="value"/>: itself when already healthy.</summary>
    public double Nearest(double value) => Math.Clamp(value, Low, High);

    public bool Contains(double value) => value >= Low && value <= High;
}
