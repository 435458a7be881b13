namespace HealthOracle.Diseases.Fields;

/// <summary>
/// One clinical input: its wire name (the original form's spelling), what it is, its unit, its plausible
/// range (inclusive) and, for coded fields, every code. An optional field may be omitted when it was not
/// measured; the model imputes it.
/// </summary>
public sealed record FieldDefinition(
    string Name,
    string Label,
    FieldKind Kind,
    string? Unit,
    double Min,
    double Max,
    string Description,
    IReadOnlyList<FieldCode>? Codes = null,
    bool Required = true)
{
    /// <summary>Other units labs print this value in, with exact factors to <see cref="Unit"/>.</summary>
    public IReadOnlyList<AlternativeUnit> AlternativeUnits { get; init; } = [];

    /// <summary>How this input appears in FHIR R4 (Patient or a coded Observation, its UCUM unit), with the codes' source.</summary>
    public FhirForm? Fhir { get; init; }

    /// <summary>The healthy range when a person can change this input (blood pressure, weight, smoking…); null otherwise.</summary>
    public HealthyTarget? Target { get; init; }

    /// <summary>True when a person can change this input by what they do or are treated for.</summary>
    public bool Changeable => Target is not null;

    /// <summary>How the risk is expected to move as the value rises, with its source; null when there is no single direction (unordered codes).</summary>
    public ExpectedDirection? Expected { get; init; }

    /// <summary>
    /// How the model uses this input when a person would not guess it, or null: an association that goes against what
    /// a person would expect (a feature of the training sample rather than of medicine), an input left without weight
    /// and why, or an input that acts through a derived quantity (eGFR). Every answer's factor for this input and the
    /// model card carry it.
    /// </summary>
    public string? FactorNote { get; init; }

    /// <summary>
    /// True when 0 is the original form's way of saying "not measured" (the Pima data's convention): a 0
    /// is then read as an omitted value, not as a measurement.
    /// </summary>
    public bool ZeroMeansNotMeasured { get; init; }

    public static FieldDefinition Number(string name, string label, string unit, double min, double max, string description, bool required = true) =>
        new(name, label, FieldKind.Number, unit, min, max, description, Required: required);

    public static FieldDefinition Integer(string name, string label, string unit, double min, double max, string description) =>
        new(name, label, FieldKind.Integer, unit, min, max, description);

    public static FieldDefinition Coded(string name, string label, string description, params FieldCode[] codes) =>
        new(name, label, FieldKind.Code, null, codes.Min(c => c.Value), codes.Max(c => c.Value), description, codes);

    public static FieldDefinition YesNo(string name, string label, string description) =>
        Coded(name, label, description, new FieldCode(0, "No"), new FieldCode(1, "Yes"));
}
