using System.Collections.Frozen;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
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

/// <summary>
/// Per-field messages, keyed <c>age</c> or, in a batch, <c>[3].age</c>. The list is capped: the first
/// <see cref="MaxListed"/> messages are kept and the rest only counted, and at <see cref="StopAfter"/> the
/// reader gives up on the body (<see cref="Full"/>), so a body built to multiply errors gets a small answer
/// for little work.
/// </summary>
internal sealed class Errors
{
    /// <summary>Messages listed in an answer; more are counted, not listed.</summary>
    public const int MaxListed = 50;

    /// <summary>Errors after which reading stops: the body is hopeless, and the rest is not checked.</summary>
    public const int StopAfter = 1000;

    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public bool Any => Count > 0;

    /// <summary>Every error found, listed or not.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the next message would still be listed (so its key is worth building).</summary>
    public bool Listing => Count < MaxListed;

    /// <summary>True once reading should stop.</summary>
    public bool Full => Count >= StopAfter;

    /// <summary>Errors found but not listed.</summary>
    public int More => Math.Max(0, Count - MaxListed);

    public void Add(string key, string message)
    {
        if (Count++ >= MaxListed)
        {
            return;
        }

        if (!_messages.TryGetValue(key, out var list))
        {
            _messages[key] = list = [];
        }

        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _messages.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
