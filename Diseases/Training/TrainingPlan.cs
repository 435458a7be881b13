namespace HealthOracle.Diseases.Training;

/// <summary>
/// How a disease's model is made: its data, the learners cross-validation compares (by name, as the
/// training tool knows them), the right-skewed laboratory values a log-transforming learner may take the
/// logarithm of, the metrics the project aims for, and what the model card records beyond the figures.
/// </summary>
/// <param name="Source">Where the training rows come from.</param>
/// <param name="Candidates">The learners to compare, by the training tool's names.</param>
public sealed record TrainingPlan(DataSource Source, IReadOnlyList<string> Candidates)
{
    /// <summary>The learners every disease compares unless it says otherwise.</summary>
    public static IReadOnlyList<string> DefaultCandidates { get; } =
        ["logistic-l2-1", "logistic-log", "fasttree-100x4", "logistic-monotone-l2-1", "logistic-log-monotone"];

    /// <summary>Positive laboratory values whose distributions span orders of magnitude, declared rather than learned.</summary>
    public IReadOnlyList<string> SkewedFields { get; init; } = [];

    /// <summary>The pooled out-of-fold metrics the project aims for, or null where none is set.</summary>
    public TrainingTarget? Target { get; init; }

    /// <summary>What the model card records about approaches tried and not kept, and caveats of the data.</summary>
    public string Notes { get; init; } = "";

    /// <summary>
    /// Fields that stay inputs of the graph (callers still send them) but are never given a weight, because this
    /// sample cannot say what they add; each one's <c>FactorNote</c> says why, in every answer and the card.
    /// </summary>
    public IReadOnlyList<string> Unweighted { get; init; } = [];

    /// <summary>Quantities the model takes in place of a field's raw value, computed from several fields inside the graph.</summary>
    public IReadOnlyList<DerivedTerm> Derived { get; init; } = [];
}

/// <summary>The project's aim for a model (pooled out-of-fold over 10 folds) and the original app's figures on the same data.</summary>
public sealed record TrainingTarget(double MinAuc, double MaxBrier, string Original);
