using HealthOracle.Functions.Predictions.Schema;
using System.Collections.Frozen;
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
    public const string Duplicated = "is given more than once.";
    public const string NotANumber = "must be a number.";
    public const string NotFinite = "must be a finite number (NaN and Infinity are not values).";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> NameIndexes =
        DiseaseSchemas.All.ToFrozenDictionary(s => s.Disease, BuildIndex);

    /// <summary>The field index a wire name (snake_case, or its camelCase form) refers to, or -1.</summary>
    public static int IndexOf(DiseaseSchema schema, string name) =>
        NameIndexes[schema.Disease].TryGetValue(name, out var index) ? index : -1;

    public static FrozenDictionary<string, int> Index(DiseaseSchema schema) => NameIndexes[schema.Disease];

    /// <summary>Checks a parsed value; null when it is acceptable.</summary>
    public static string? Check(FieldSpec field, double value)
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
                return $"must be a whole number from {Format(field.Min)} to {Format(field.Max)} {field.Unit}.";
            default:
                return value < field.Min || value > field.Max
                    ? $"must be {(field.Kind == FieldKind.Integer ? "a whole number" : "a number")} from {Format(field.Min)} to {Format(field.Max)} {field.Unit}."
                    : null;
        }
    }

    /// <summary>Parses a form or JSON-string value: invariant culture, decimal point, optional exponent.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        double.TryParse(utf8.Trim((byte)' '), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Rules across fields, applied when every field on its own is valid.</summary>
    public static void CheckCrossField(DiseaseSchema schema, ReadOnlySpan<double> row, string prefix, Errors errors)
    {
        if (schema.Disease != DiseaseSchemas.Liver)
        {
            return;
        }

        var total = IndexOf(schema, "total_bilirubin");
        var direct = IndexOf(schema, "direct_bilirubin");
        if (row[direct] > row[total])
        {
            errors.Add(prefix + "direct_bilirubin", "must not be more than total_bilirubin (direct bilirubin is part of the total).");
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

    private static string DescribeCodes(FieldSpec field) => string.Join(", ", field.Codes!.Select(c => $"{c.Value} ({c.Label})"));

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static FrozenDictionary<string, int> BuildIndex(DiseaseSchema schema)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < schema.Fields.Count; i++)
        {
            index[schema.Fields[i].Name] = i;
            index.TryAdd(ToCamelCase(schema.Fields[i].Name), i);
        }

        return index.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Per-field messages, keyed <c>age</c> or, in a batch, <c>[3].age</c>.</summary>
internal sealed class Errors
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool Any => _messages.Count > 0;

    public void Add(string key, string message)
    {
        if (!_messages.TryGetValue(key, out var list))
        {
            _messages[key] = list = [];
        }

        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _messages.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
