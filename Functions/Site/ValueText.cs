using System.Globalization;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Site;

/// <summary>A field's value as a person reads it: the code's label, or the number at a lab's precision with its unit.</summary>
internal static class ValueText
{
    /// <summary>"145 mm Hg", "Fixed defect", "not measured"; with the unit typed first when it was another (<c>15 µmol/l (0.877 mg/dl)</c>).</summary>
    public static string Of(FieldDefinition field, double? value, string? typedUnit = null)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return field.ZeroMeansNotMeasured ? "not measured" : "not given";
        }

        if (field.Codes?.FirstOrDefault(c => c.Value == v) is { } code)
        {
            return code.Label;
        }

        var own = WithUnit(Number(v), field.Unit);
        return typedUnit is not null && field.AlternativeUnits.FirstOrDefault(u => u.Unit == typedUnit) is { } typed
            ? $"{Number(v / typed.ToFieldUnit)} {typed.Unit} ({own})"
            : own;
    }

    /// <summary>
    /// A number at a lab's precision: up to three decimals below 100 (1.015 stays 1.015), one below 1,000, none above,
    /// and never float noise (0.9999631200000001 is 1).
    /// </summary>
    public static string Number(double value)
    {
        var rounded = Math.Round(value, 3, MidpointRounding.AwayFromZero);
        if (Math.Abs(rounded) >= 100)
        {
            rounded = Math.Round(value, Math.Abs(value) >= 1000 ? 0 : 1, MidpointRounding.AwayFromZero);
        }

        return rounded.ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>The accepted range in the field's unit and, for each other unit, the same range rounded inward.</summary>
    public static string Range(FieldDefinition field)
    {
        var own = WithUnit($"{Number(field.Min)}–{Number(field.Max)}", field.Unit);
        var others = field.AlternativeUnits.Select(u =>
            $"{Number(FieldRules.RoundInward(field.Min / u.ToFieldUnit, up: true))}–{Number(FieldRules.RoundInward(field.Max / u.ToFieldUnit, up: false))} {u.Unit}");
        return field.AlternativeUnits.Count > 0 ? $"{own} ({string.Join("; ", others)})" : own;
    }

    /// <summary>"145 mm Hg"; a count or a score is its number alone ("2", not "2 count").</summary>
    public static string WithUnit(string number, string? unit) => unit is { Length: > 0 } and not ("count" or "score") ? $"{number} {unit}" : number;
}
