using HealthOracle.Functions.Predictions.Schema;
using HealthOracle.Training.Modeling;

namespace HealthOracle.Training;

/// <summary>How a training run is set up; the defaults are the published models'.</summary>
internal sealed record TrainingOptions(string ModelsFolder, string Version)
{
    public const int DefaultSeed = 42;

    public int Folds { get; init; } = 10;

    public int InnerFolds { get; init; } = 5;

    public int Seed { get; init; } = DefaultSeed;

    public IReadOnlyList<Candidate> Candidates { get; init; } = Modeling.Candidates.All;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>What the card records about approaches tried and not kept.</summary>
    public string Notes(string disease) => disease switch
    {
        DiseaseSchemas.Liver =>
            "Also tried on this data (same folds, seed and calibration): logistic regression on ln(x + 1) of the bilirubins and enzymes " +
            "(AUC 0.743, Brier 0.174), a stronger L2 penalty (L2 = 10: AUC 0.745; L2 = 30 with logs: 0.728), boosted trees with 2 or 8 leaves " +
            "(AUC 0.726, 0.723) and a 300-tree random forest (AUC 0.727). None reached the 0.75 target: ILPD's outcome is only weakly " +
            "predictable from these tests, and tuning further on 583 rows would only fit the folds.",
        DiseaseSchemas.Lung =>
            $"Synthetic data: outcome drawn from {Data.LungSynthesizer.Formula}; fields drawn as {Data.LungSynthesizer.Distributions}; " +
            $"seed {Data.LungSynthesizer.DefaultSeed}, {Data.LungSynthesizer.DefaultRows} rows. The metrics show only how well the learner recovers a known formula.",
        _ => "",
    };
}
