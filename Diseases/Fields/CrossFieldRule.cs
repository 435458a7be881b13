namespace HealthOracle.Diseases.Fields;

/// <summary>
/// A rule between two fields of one patient, checked once each is valid on its own:
/// <see cref="Field"/> must not be more than <see cref="Limit"/>.
/// </summary>
/// <param name="Field">The field the message is about.</param>
/// <param name="Limit">The field it may not exceed.</param>
/// <param name="Message">The message, naming the rule, never the values.</param>
public sealed record CrossFieldRule(string Field, string Limit, string Message)
{
    public static CrossFieldRule NotMoreThan(string field, string limit, string message) => new(field, limit, message);

    /// <summary>True when the row (in the disease's field order) breaks the rule.</summary>
    public bool IsBrokenBy(ReadOnlySpan<double> row, int fieldIndex, int limitIndex) => row[fieldIndex] > row[limitIndex];
}
