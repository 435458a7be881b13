using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;

namespace HealthOracle.Training.Explaining;

/// <summary>
/// The patient explanations are measured from: every field's median over the training rows that have it (a
/// whole number rounded for a count or an age, the most common code for a coded field, the smaller on a tie; the
/// healthy example's value for a field no row has).
/// It is a valid patient: every value is in its field's range and the disease's rules hold, or training stops.
/// </summary>
internal static class ReferencePatient
{
    public static double[] Of(PatientTable table)
    {
        var disease = table.Disease;
        var reference = new double[disease.Fields.Count];
        for (var f = 0; f < reference.Length; f++)
        {
            var field = disease.Fields[f];
            var values = table.Rows.Select(r => r[f]).Where(v => !float.IsNaN(v)).Select(Exact).Order().ToArray();
            if (values.Length == 0)
            {
                // A field the data lack (sex for kidney's eGFR): the textbook-healthy person's value, a valid one the card names.
                reference[f] = disease.Healthy?.Values[field.Name] ?? throw new InvalidDataException($"{disease.Key}: no training row has {field.Name}, and no healthy example gives it.");
                continue;
            }

            reference[f] = field.Kind switch
            {
                FieldKind.Code => values.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key,
                FieldKind.Integer => Math.Round(Median(values), MidpointRounding.AwayFromZero),
                _ => Math.Round(Median(values), 6),
            };
        }

        var problems = Problems(disease, reference).ToArray();
        return problems.Length == 0
            ? reference
            : throw new InvalidDataException($"{disease.Key}: the training rows' reference patient is not a valid patient: {string.Join("; ", problems)}.");
    }

    /// <summary>What makes a row an invalid patient of the disease (range, code, whole number, rules), or nothing.</summary>
    public static IEnumerable<string> Problems(DiseaseDefinition disease, IReadOnlyList<double> row)
    {
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var field = disease.Fields[f];
            var value = row[f];
            var valid = field.Kind switch
            {
                FieldKind.Code => field.Codes!.Any(c => c.Value == value),
                FieldKind.Integer => value == Math.Floor(value) && value >= field.Min && value <= field.Max,
                _ => value >= field.Min && value <= field.Max,
            };
            if (!valid)
            {
                yield return $"{field.Name} = {value.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        foreach (var rule in disease.Rules)
        {
            if (row[disease.IndexOf(rule.Field)] > row[disease.IndexOf(rule.Limit)])
            {
                yield return $"{rule.Field} {rule.Message}";
            }
        }
    }

    // The float as written in the data (1.02, not 1.0199999809265137).
    private static double Exact(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
