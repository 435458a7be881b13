namespace HealthOracle.Functions.Predictions.Schema;

/// <summary>How a field's value is read and checked.</summary>
public enum FieldKind
{
    /// <summary>A real number, such as a laboratory value.</summary>
    Number,

    /// <summary>A whole number, such as an age in years or a count.</summary>
    Integer,

    /// <summary>One of a fixed set of integer codes, each with a meaning.</summary>
    Code,
}

/// <summary>One permitted value of a coded field and what it means.</summary>
public sealed record FieldCode(int Value, string Label);

/// <summary>
/// One clinical input: its wire name (the original form's spelling), what it is, its unit, its
/// plausible range (inclusive) and, for coded fields, every code. An optional field may be omitted
/// when it was not measured; the model imputes it.
/// </summary>
public sealed record FieldSpec(
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
    public static FieldSpec Number(string name, string label, string unit, double min, double max, string description, bool required = true) =>
        new(name, label, FieldKind.Number, unit, min, max, description, Required: required);

    public static FieldSpec Integer(string name, string label, string unit, double min, double max, string description) =>
        new(name, label, FieldKind.Integer, unit, min, max, description);

    public static FieldSpec Coded(string name, string label, string description, params FieldCode[] codes) =>
        new(name, label, FieldKind.Code, null, codes.Min(c => c.Value), codes.Max(c => c.Value), description, codes);

    public static FieldSpec YesNo(string name, string label, string description) =>
        Coded(name, label, description, new FieldCode(0, "No"), new FieldCode(1, "Yes"));
}
