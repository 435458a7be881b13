using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Modeling;
using Stats = HealthOracle.Training.Modeling.Metrics;

namespace HealthOracle.Training.Reporting;

/// <summary>One candidate's cross-validated metrics.</summary>
internal sealed record CandidateReport(string Name, string Algorithm, string HyperParameters, ModelMetrics Metrics)
{
    /// <param name="final">The setting of the model fitted on all rows, when the candidate chooses among a grid.</param>
    public static CandidateReport From(CrossValidationResult result, int folds, int seed, Candidate? final = null)
    {
        var p = result.Probabilities;
        var y = result.Labels;
        var (mean, sd) = Stats.MeanSd(result.FoldAucs);
        var (slope, intercept) = Stats.Calibration(p, y);
        // The app's categories: Moderate from 30% (inclusive), High above 60%.
        var moderate = Stats.At(p, y, v => Math.Round(v * 100, 2) >= 30);
        var high = Stats.At(p, y, v => Math.Round(v * 100, 2) > 60);
        var metrics = new ModelMetrics(folds, seed, result.Auc, mean, sd, result.Brier, slope, intercept,
            moderate.Sensitivity, moderate.Specificity, high.Sensitivity, high.Specificity);
        return new CandidateReport(result.Candidate.Name, result.Candidate.Algorithm, Describe(result, final), metrics);
    }

    private static string Describe(CrossValidationResult result, Candidate? final)
    {
        if (result.Candidate.Grid.Count == 0)
        {
            return result.Candidate.HyperParameters;
        }

        var perFold = result.FoldSettings
            .GroupBy(s => s.Name)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} in {g.Count()}");
        var text = $"{result.Candidate.HyperParameters}; chosen per fold: {string.Join(", ", perFold)} of {result.FoldSettings.Count} folds";
        return final is null ? text : $"{text}; the published model (setting chosen by 10-fold cross-validation on all rows): {final.HyperParameters}";
    }
}

/// <summary>metrics.json beside each model: the chosen candidate, the runner-up and how the graph was checked.</summary>
internal sealed record MetricsReport(
    string Disease,
    string Version,
    string Selection,
    CandidateReport Chosen,
    CandidateReport RunnerUp,
    double PlattSlope,
    double PlattOffset,
    int Rows,
    int Positives,
    double OnnxParityMaxDifference,
    IReadOnlyList<string> LogTransformedInputs);
