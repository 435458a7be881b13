namespace HealthOracle.Diseases.Fields;

/// <summary>
/// Another unit a laboratory may print a field in, and the exact factor to the field's own unit:
/// value in the field's unit = value in this unit × <see cref="ToFieldUnit"/>.
/// </summary>
/// <param name="Unit">The unit as printed, e.g. <c>mmol/l</c>.</param>
/// <param name="ToFieldUnit">The multiplier to the field's unit.</param>
/// <param name="Basis">Where the factor comes from (a molar mass, a power of ten).</param>
public sealed record AlternativeUnit(string Unit, double ToFieldUnit, string Basis)
{
    /// <summary>The unit's UCUM code (unitsofmeasure.org), as a FHIR Quantity carries it: <c>mmol/L</c>, <c>umol/L</c>.</summary>
    public string? Ucum { get; init; }
}
