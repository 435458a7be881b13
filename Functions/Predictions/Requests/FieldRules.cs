using System.Collections.Frozen;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure.Bodies;
using System.Globalization;
using System.Text;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// How one field's value is checked, and the wire names a field answers to. Messages name the rule,
/// never the submitted value.
/// </summary>
internal static class FieldRules
{
    public const string Required = "is required.";
    public const string NotANumber = "must be a number.";
    public const string NotFinite = "must be a finite number (NaN and Infinity are not values).";
    public const string NotAJsonNumber = "must be a JSON number (63, not \"63\"), or where the field has units {\"value\": 5.2, \"unit\": \"mmol/l\"}.";

    /// <summary>The spellings of a unit a caller may send: as printed, and in ASCII (<c>umol/l</c> for <c>µmol/l</c>).</summary>
    public static IReadOnlyList<string> Spellings(string unit)
    {
        var ascii = unit.Replace('\u00B5', 'u').Replace('\u03BC', 'u');
        return ascii == unit ? [unit] : [unit, ascii];
    }

    /// <summary>
    /// A value typed in another unit, converted to the field's unit exactly and rid of binary noise (15 significant
    /// digits: 11.97 µmol/l is echoed as 0.699853581 mg/dl, not 0.6998535810000001). Rounding it to the digits typed
    /// (0.6999) changed what the model scored and what a person reads back in their unit (7.8 mmol/l of glucose came
    /// back as 7.827 mmol/l): the conversion's factor is exact, so the converted value is as certain as the typed one.
    /// A value in range before rounding stays in range.
    /// </summary>
    public static double Converted(FieldDefinition field, double typed, double factor)
    {
        if (factor == 1)
        {
            return typed;
        }

        var exact = typed * factor;
        if (exact == 0 || !double.IsFinite(exact))
        {
            return exact;
        }

        const int digits = 15;
        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(exact))));
        var rounded = Math.Round(exact * scale) / scale;
        return exact >= field.Min && exact <= field.Max ? Math.Clamp(rounded, field.Min, field.Max) : rounded;
    }

    /// <summary>The range of <paramref name="field"/> in <paramref name="unit"/>, rounded inward as <see cref="InUnit"/> says it.</summary>
    public static (double Min, double Max) RangeIn(FieldDefinition field, AlternativeUnit unit) =>
        (RoundInward(field.Min / unit.ToFieldUnit, up: true), RoundInward(field.Max / unit.ToFieldUnit, up: false));

    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> NameIndexes =
        DiseaseCatalog.All.ToFrozenDictionary(d => d.Key, BuildIndex);

    /// <summary>The field index a wire name (snake_case, or its camelCase form) refers to, or -1.</summary>
    public static int IndexOf(DiseaseDefinition disease, string name) =>
        NameIndexes[disease.Key].TryGetValue(name, out var index) ? index : -1;

    public static FrozenDictionary<string, int> Index(DiseaseDefinition disease) => NameIndexes[disease.Key];

    /// <summary>Checks a parsed value; null when it is acceptable.</summary>
    public static string? Check(FieldDefinition field, double value)
    {
        if (!double.IsFinite(value))
        {
            return NotFinite;
        }

        switch (field.Kind)
        {
            case FieldKind.Code:
                return field.Codes!.Any(c => c.Value == value) ? null : "must be one of: " + DescribeCodes(field) + ".";
            case FieldKind.Integer when value != Math.Floor(value):
                return $"must be a whole number from {Range(field)}.";
            default:
                return value < field.Min || value > field.Max
                    ? $"must be {(field.Kind == FieldKind.Integer ? "a whole number" : "a number")} from {Range(field)}."
                    : null;
        }
    }

    public const string AmbiguousComma =
        "could be read two ways (a thousands separator or a decimal comma), and both are in range: write it without a thousands separator, or with a decimal point.";

    /// <summary>
    /// Checks a parsed value and gives the value to store: a 0 in a field where 0 is the original form's way of
    /// saying "not measured" is stored as not given (NaN), as an omitted value is. Null when acceptable.
    /// </summary>
    public static string? Accept(FieldDefinition field, double parsed, out double value)
    {
        if (parsed == 0 && field.ZeroMeansNotMeasured)
        {
            value = double.NaN;
            return null;
        }

        value = parsed;
        return Check(field, parsed);
    }

    /// <summary>
    /// Parses a value a person typed into a form: as <see cref="TryParse(ReadOnlySpan{char}, out double)"/>, and
    /// a single comma with no point is a decimal comma (0,9 is 0.9), as most of the world writes it. Only
    /// 1,250 style (one to three digits, a comma, three digits) could also be a thousands separator: then the
    /// reading inside the field's range is taken, and when both are, <paramref name="message"/> asks.
    /// </summary>
    public static bool TryParseTyped(FieldDefinition field, ReadOnlySpan<char> text, double factor, out double value, out string? message)
    {
        message = null;
        text = text.Trim();
        var comma = text.IndexOf(',');
        if (comma < 0 || text.LastIndexOf(',') != comma || text.Contains('.'))
        {
            return TryParse(text, out value);
        }

        Span<char> decimalText = stackalloc char[text.Length];
        text.CopyTo(decimalText);
        decimalText[comma] = '.';
        if (!TryParse(decimalText, out value))
        {
            return false;
        }

        var digitsBefore = text[..comma].TrimStart('-').Length;
        var digitsAfter = text.Length - comma - 1;
        if (digitsBefore is < 1 or > 3 || digitsAfter != 3 || !TryParse(string.Concat(text[..comma], text[(comma + 1)..]), out var thousands))
        {
            return true;
        }

        var decimalFits = Check(field, value * factor) is null;
        var thousandsFits = Check(field, thousands * factor) is null;
        if (decimalFits && thousandsFits)
        {
            message = AmbiguousComma;
        }
        else if (thousandsFits)
        {
            value = thousands;
        }

        return true;
    }

    /// <summary>Parses a form or JSON-string value: invariant culture, decimal point, optional exponent.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        double.TryParse(utf8.Trim((byte)' '), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Rules across fields (<see cref="DiseaseDefinition.Rules"/>), applied when every field on its own is valid.</summary>
    public static void CheckCrossField(DiseaseDefinition disease, ReadOnlySpan<double> row, string prefix, Errors errors)
    {
        foreach (var rule in disease.Rules)
        {
            if (rule.IsBrokenBy(row, IndexOf(disease, rule.Field), IndexOf(disease, rule.Limit)))
            {
                errors.Add(prefix + rule.Field, rule.Message);
            }
        }
    }

    public static string ToCamelCase(string snake)
    {
        var builder = new StringBuilder(snake.Length);
        var upper = false;
        foreach (var c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A range message of the field's unit, followed by the same range in <paramref name="unit"/> (rounded
    /// inward, so that every value the message allows is accepted): for a person who typed in that unit.
    /// </summary>
    public static string InUnit(string message, AlternativeUnit unit, FieldDefinition field) =>
        $"{message.TrimEnd('.')} ({Format(RoundInward(field.Min / unit.ToFieldUnit, up: true))} to {Format(RoundInward(field.Max / unit.ToFieldUnit, up: false))} {unit.Unit}).";

    /// <summary>
    /// The field's own unit (null) or one of its alternatives by one of its <see cref="Spellings"/>: case-insensitive
    /// for a person's form, exactly as the schema lists them for JSON (<paramref name="exact"/>).
    /// </summary>
    public static AlternativeUnit? UnitOf(FieldDefinition field, string name, out bool known, bool exact = false)
    {
        var comparison = exact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        known = true;
        if (field.Unit is { } own && Spellings(own).Any(s => string.Equals(s, name, comparison)))
        {
            return null;
        }

        var unit = field.AlternativeUnits.FirstOrDefault(u => Spellings(u.Unit).Any(s => string.Equals(s, name, comparison)));
        known = unit is not null;
        return unit;
    }

    public static string UnknownUnit(FieldDefinition field) =>
        "unit must be one of: " + string.Join(", ", field.AlternativeUnits.Select(u => u.Unit).Prepend(field.Unit).SelectMany(u => Spellings(u!))) + ".";

    // Two decimals below 10, one below 100, whole numbers above: the precision a lab prints.
    internal static double RoundInward(double value, bool up)
    {
        var scale = value >= 100 ? 1 : value >= 10 ? 10 : 100;
        return (up ? Math.Ceiling(value * scale) : Math.Floor(value * scale)) / scale;
    }

    private static string DescribeCodes(FieldDefinition field) => string.Join(", ", field.Codes!.Select(c => $"{c.Value} ({c.Label})"));

    private static string Range(FieldDefinition field) =>
        field.Unit is { Length: > 0 } unit ? $"{Format(field.Min)} to {Format(field.Max)} {unit}" : $"{Format(field.Min)} to {Format(field.Max)}";

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static FrozenDictionary<string, int> BuildIndex(DiseaseDefinition disease)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < disease.Fields.Count; i++)
        {
            index[disease.Fields[i].Name] = i;
            index.TryAdd(ToCamelCase(disease.Fields[i].Name), i);
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
