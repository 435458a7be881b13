using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Predictions;

/// <summary>What an answer says about the values themselves: which were not measured, and which look like a slip.</summary>
internal static class PatientNotes
{
    /// <summary>The fields the model imputed for this patient, or null when every one was measured.</summary>
    public static IReadOnlyList<string>? NotMeasured(DiseaseDefinition disease, PatientBatch batch, int patient)
    {
        List<string>? names = null;
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            if (double.IsNaN(batch.Value(patient, f)))
            {
                (names ??= []).Add(disease.Fields[f].Name);
            }
        }

        return names;
    }

    /// <summary>The disease's soft checks that speak for this patient, or null when none does.</summary>
    public static IReadOnlyList<PredictionWarning>? Warnings(DiseaseDefinition disease, PatientBatch batch, int patient)
    {
        List<PredictionWarning>? warnings = null;
        foreach (var check in disease.Plausibility)
        {
            if (check.IsMetBy(name => batch.Value(patient, disease.IndexOf(name))))
            {
                var value = batch.Value(patient, disease.IndexOf(check.Field));
                (warnings ??= []).Add(new PredictionWarning(check.Field, check.Message, check.SuggestFactor is { } factor ? Suggest(value * factor) : null));
            }
        }

        return warnings;
    }

    /// <summary>A suggested value to three significant digits, as a person would type it (the site rounds the same way).</summary>
    public static double Suggest(double value) => double.Parse(value.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
