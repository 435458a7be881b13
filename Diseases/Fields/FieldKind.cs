namespace HealthOracle.Diseases.Fields;

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
