using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Data;
using HealthOracle.Training.Explaining;
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
    IReadOnlyList<string> LogTransformedInputs)
{
    /// <summary>The sample's prevalence, the one the percentages refer to, and the shift between them.</summary>
    public PopulationReport? Population { get; init; }

    /// <summary>The reference patient explanations are measured from, field by field.</summary>
    public IReadOnlyDictionary<string, double>? Reference { get; init; }

    /// <summary>The served model's probability for the reference patient (the baseline of every explanation).</summary>
    public double? ReferenceProbability { get; init; }

    /// <summary>The served model's probability for the definition's textbook-healthy person.</summary>
    public double? HealthyProbability { get; init; }

    /// <summary>How the served model answers each input of the direction table over its valid range.</summary>
    public IReadOnlyList<DirectionResult>? Directions { get; init; }

    /// <summary>What the rule before this one (lowest Brier score, no direction table, no prior shift) would serve.</summary>
    public BeforeReport? Before { get; init; }

    /// <summary>Every candidate cross-validated, best Brier score first.</summary>
    public IReadOnlyList<CandidateSummary>? Candidates { get; init; }

    /// <summary>The served model's out-of-fold Brier score on the training sample after its prior shift (equal to the chosen's when there is none).</summary>
    public double? AfterBrier { get; init; }

    /// <summary>The chosen candidate's pooled out-of-fold figures with 95% bootstrap intervals (TRIPOD+AI 23a).</summary>
    public PerformanceReport? Performance { get; init; }

    /// <summary>The same by sex and age band, or why not (TRIPOD+AI 14, 23a).</summary>
    public IReadOnlyList<SubgroupReport>? Subgroups { get; init; }

    /// <summary>Net benefit against treating everyone and no one, 5–60% thresholds (out-of-fold, shifted and weighted to the population when corrected).</summary>
    public IReadOnlyList<DecisionPoint>? DecisionCurve { get; init; }

    /// <summary>The 95% intervals: replicates, measured coverage, widths, examples.</summary>
    public IntervalReport? Interval { get; init; }

    /// <summary>The file's rows before eligibility, and those left out by reason (TRIPOD+AI 6b, 20a).</summary>
    public int? FileRows { get; init; }

    public IReadOnlyList<Exclusion>? Excluded { get; init; }

    /// <summary>Missing values per field and what a missing value becomes (TRIPOD+AI 11).</summary>
    public IReadOnlyList<MissingReport>? Missing { get; init; }

    /// <summary>The served model's estimate of each clinical case of the definition, in order.</summary>
    public IReadOnlyList<double>? Cases { get; init; }
}

/// <summary>One cross-validated candidate: whether it may be served (it follows the direction table) and its pooled metrics.</summary>
internal sealed record CandidateSummary(string Name, bool FollowsDirections, double RocAuc, double Brier);

/// <summary>The prevalence of the sample, the one the percentages refer to, the log-odds shift between them, and the Platt offset before the shift.</summary>
internal sealed record PopulationReport(double SamplePrevalence, double Prevalence, double PriorShift, double PlattOffsetBeforeShift);

/// <summary>The candidate the previous rule would have served, its healthy-example probability and the inputs it reverses.</summary>
internal sealed record BeforeReport(CandidateReport Candidate, double? HealthyProbability, IReadOnlyList<string> Reversed);
