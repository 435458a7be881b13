using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Training.Data;

/// <summary>Rows left out of training for one reason, and how many of them had the disease.</summary>
internal sealed record Exclusion(string Reason, int Rows, int WithDisease);

/// <summary>
/// Who a model is for (TRIPOD+AI item 6b): a row with a value the form would refuse (a child in a model of adults,
/// a value outside a field's valid range or not one of its codes) describes someone outside the population, and a
/// row without a value that a derived term needs (no creatinine, so no eGFR) cannot be scored as the app scores.
/// Both are left out and counted, by reason; the model card lists them.
/// </summary>
internal static class Eligibility
{
    public static (PatientTable Kept, IReadOnlyList<Exclusion> Excluded) Apply(PatientTable table)
    {
        var disease = table.Disease;
        var needed = disease.Training.Derived
            .SelectMany(term => term.Inputs.Select(name => (Field: disease.Find(name)!, term.Label)))
            .Where(p => p.Field.Required)
            .DistinctBy(p => p.Field.Name)
            .ToArray();
        var kept = new List<int>();
        var excluded = new Dictionary<string, (int Rows, int WithDisease)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var r = 0; r < table.Count; r++)
        {
            var reason = Reason(disease, table.Rows[r], needed);
            if (reason is null)
            {
                kept.Add(r);
                continue;
            }

            if (!excluded.TryGetValue(reason, out var count))
            {
                order.Add(reason);
            }

            excluded[reason] = (count.Rows + 1, count.WithDisease + (table.Labels[r] ? 1 : 0));
        }

        return (kept.Count == table.Count ? table : table.Subset(kept), [.. order.Select(reason => new Exclusion(reason, excluded[reason].Rows, excluded[reason].WithDisease))]);
    }

    private static string? Reason(DiseaseDefinition disease, float[] row, (FieldDefinition Field, string Label)[] needed)
    {
        foreach (var (field, label) in needed)
        {
            if (float.IsNaN(row[disease.IndexOf(field.Name)]))
            {
                return $"no {field.Label.ToLowerInvariant()} (needed for {label})";
            }
        }

        for (var f = 0; f < row.Length; f++)
        {
            var field = disease.Fields[f];
            var value = row[f];
            if (float.IsNaN(value))
            {
                continue;
            }

            var valid = field.Kind == FieldKind.Code ? field.Codes!.Any(c => c.Value == value) : value >= field.Min && value <= field.Max;
            if (!valid)
            {
                var unit = field.Unit is null ? "" : " " + field.Unit;
                return field.Kind == FieldKind.Code ? $"{field.Label.ToLowerInvariant()} not one of its codes"
                    : value < field.Min ? string.Create(CultureInfo.InvariantCulture, $"{field.Label.ToLowerInvariant()} under {field.Min:0.###}{unit}")
                    : string.Create(CultureInfo.InvariantCulture, $"{field.Label.ToLowerInvariant()} over {field.Max:0.###}{unit}");
            }
        }

        return null;
    }
}
