using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Training.Reporting;

/// <summary>The project's targets (pooled out-of-fold over 10 folds) and the original app's models on the same data.</summary>
internal sealed record Target(double MinAuc, double MaxBrier, string Original)
{
    public static Target? For(string disease) => disease switch
    {
        DiseaseSchemas.Heart => new(0.90, 0.125, "AUC 0.90 on data it was trained on, Brier 0.18"),
        DiseaseSchemas.Diabetes => new(0.835, 0.160, "AUC 0.87 on data it was trained on, Brier 0.18"),
        DiseaseSchemas.Liver => new(0.75, 0.175, "AUC 0.54, Brier 0.22"),
        _ => null,
    };
}
