using System.Diagnostics;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure.Telemetry;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// A scoring call's span (<c>predict {disease}</c>) and its metric points: <c>healthoracle.batch.size</c> once and
/// <c>healthoracle.predictions</c> per risk category. Only the disease key, the model's version, counts and the
/// category's name are recorded: never a field value, an input or a probability.
/// </summary>
internal static class PredictionTelemetry
{
    private static readonly string[] CategoryNames = Enum.GetNames<RiskCategory>();

    /// <summary>Starts the scoring span, a child of the invocation's; null when nothing listens.</summary>
    public static Activity? StartScoring(DiseaseDefinition disease, int patients)
    {
        var activity = AppTelemetry.Source.StartActivity($"predict {disease.Key}");
        activity?.SetTag(AppTelemetry.Attributes.Disease, disease.Key);
        activity?.SetTag(AppTelemetry.Attributes.Patients, patients);
        return activity;
    }

    /// <summary>Records a completed scoring call.</summary>
    public static void Scored(Activity? activity, DiseaseDefinition disease, string modelVersion, IReadOnlyList<PredictionResult> results)
    {
        activity?.SetTag(AppTelemetry.Attributes.ModelVersion, modelVersion);
        AppTelemetry.BatchSize.Record(results.Count);
        if (!AppTelemetry.Predictions.Enabled)
        {
            return;
        }

        Span<int> perCategory = stackalloc int[CategoryNames.Length];
        foreach (var result in results)
        {
            perCategory[(int)result.Category]++;
        }

        for (var category = 0; category < perCategory.Length; category++)
        {
            if (perCategory[category] > 0)
            {
                AppTelemetry.Predictions.Add(perCategory[category],
                    new KeyValuePair<string, object?>(AppTelemetry.Attributes.Disease, disease.Key),
                    new KeyValuePair<string, object?>(AppTelemetry.Attributes.Category, CategoryNames[category]));
            }
        }
    }
}
