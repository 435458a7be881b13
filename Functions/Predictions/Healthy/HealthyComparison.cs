using System.Text.Json.Serialization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Predictions.Healthy;

/// <summary>
/// "A healthy person like you": the same model's estimate for the patient with every changeable input (one with a
/// healthy target in the definition) at the nearest edge of its target, and everything else as sent: the same age and
/// sex, and the values a person cannot change. Scored in the same lease as the patient, with its own 95% interval.
/// </summary>
/// <param name="RiskPercentage">The estimate, in percent (0–100).</param>
/// <param name="Category">That estimate's category.</param>
/// <param name="Changed">The inputs that were moved to their targets (empty: every changeable value already was).</param>
/// <param name="Note">What the comparison is, what it is relative to, and what neither percentage is (a time frame).</param>
internal sealed record HealthyComparison(double RiskPercentage, RiskCategory Category, IReadOnlyList<HealthyChange> Changed, string Note)
{
    /// <summary>The comparison's 95% interval, as the patient's (left out for a model trained before intervals).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Models.RiskInterval? Interval { get; init; }
}

/// <summary>One input moved to its healthy target for the comparison.</summary>
/// <param name="Field">The field's wire name.</param>
/// <param name="Label">The field as people read it.</param>
/// <param name="Value">The patient's value.</param>
/// <param name="Target">The nearest healthy value, in the field's unit.</param>
internal sealed record HealthyChange(string Field, string Label, double Value, double Target);

/// <summary>The patients of a batch as their healthy comparisons: one row each, changeable values at their targets.</summary>
internal static class HealthyPatients
{
    public static (PatientBatch Rows, HealthyChange[][] Changes) Of(DiseaseDefinition disease, PatientBatch batch)
    {
        var values = (double[])batch.Values.Clone();
        var changes = new HealthyChange[batch.Count][];
        var n = batch.Fields;
        for (var p = 0; p < batch.Count; p++)
        {
            var changed = new List<HealthyChange>();
            for (var f = 0; f < n; f++)
            {
                var value = values[(p * n) + f];
                if (disease.Fields[f].Target is { } target && !double.IsNaN(value) && !target.Contains(value))
                {
                    values[(p * n) + f] = target.Nearest(value);
                    changed.Add(new HealthyChange(disease.Fields[f].Name, disease.Fields[f].Label, value, target.Nearest(value)));
                }
            }

            changes[p] = [.. changed];
        }

        return (new PatientBatch(values, batch.Count, n, batch.IsArray), changes);
    }

    /// <summary>What the comparison is, what both percentages are relative to, and what they are not (the model's time frame).</summary>
    public static string Note(DiseaseDefinition disease) =>
        "The same model's estimate for a person with your age, sex and the values you cannot change, and every value you can change " +
        "at the nearest edge of its healthy range (the definition's targets). Like your estimate it is relative to the people the model " +
        "learned from, and it is an association in that model, not a promise of what changing a value would do. " + NotATimeFrame(disease);

    /// <summary>What neither percentage is: a risk over a period, for a model that states none.</summary>
    public static string NotATimeFrame(DiseaseDefinition disease) => disease switch
    {
        { Synthetic: true } => "Neither percentage is a 10-year risk, or a risk over any period: the synthetic outcome has no time attached to it.",
        _ when disease.Population.TimeFrame.StartsWith("None", StringComparison.Ordinal) =>
            "Neither percentage is a 10-year risk, or a risk over any period: the model estimates a condition present at the time of the tests.",
        _ => "Neither percentage is a 10-year risk: the data the model learned from state no period.",
    };
}
