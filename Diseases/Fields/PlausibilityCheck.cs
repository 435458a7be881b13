namespace HealthOracle.Diseases.Fields;

/// <summary>
/// A soft check: values that are each in range but unusual together, most often a slipped decimal point or
/// a value typed in another unit. It never refuses a value and never changes one; the site shows
/// <see cref="Message"/> beside <see cref="Field"/> (with the value times <see cref="SuggestFactor"/> as a
/// suggestion) and the answer repeats it. Every condition is read in the fields' own units.
/// </summary>
/// <param name="Field">The field the message is about (the one most likely to be wrong).</param>
/// <param name="When">All of these hold for the check to speak.</param>
/// <param name="Message">What is unusual and what to check, in people's words; names no value.</param>
/// <param name="SuggestFactor">When set, "did you mean" the value times this (0.1 for a decimal slip).</param>
public sealed record PlausibilityCheck(string Field, IReadOnlyList<ValueCondition> When, string Message, double? SuggestFactor = null)
{
    /// <summary>True when every condition holds for <paramref name="valueOf"/> (NaN for a value not given: then it stays quiet).</summary>
    public bool IsMetBy(Func<string, double> valueOf) => When.All(condition => condition.Holds(valueOf));
}

/// <summary>
/// One comparison: <see cref="Field"/> is at least (or below) <see cref="Value"/>, or <see cref="Value"/>
/// times the value of <see cref="TimesField"/> when that is set.
/// </summary>
public sealed record ValueCondition(string Field, Comparison Comparison, double Value, string? TimesField = null)
{
    public static ValueCondition AtLeast(string field, double value, string? timesField = null) => new(field, Comparison.AtLeast, value, timesField);

    public static ValueCondition Below(string field, double value, string? timesField = null) => new(field, Comparison.Below, value, timesField);

    public bool Holds(Func<string, double> valueOf)
    {
        var value = valueOf(Field);
        var bound = TimesField is null ? Value : Value * valueOf(TimesField);
        if (double.IsNaN(value) || double.IsNaN(bound))
        {
            return false;
        }

        return Comparison == Comparison.AtLeast ? value >= bound : value < bound;
    }
}

/// <summary>How a <see cref="ValueCondition"/> compares.</summary>
public enum Comparison
{
    /// <summary>The value is at least the bound.</summary>
    AtLeast,

    /// <summary>The value is below the bound.</summary>
    Below,
}
