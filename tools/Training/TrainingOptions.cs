using HealthOracle.Training.Modeling;

namespace HealthOracle.Training;

/// <summary>How a training run is set up; the defaults are the published models'.</summary>
internal sealed record TrainingOptions(string ModelsFolder, string Version)
{
    public const int DefaultSeed = 42;

    public int Folds { get; init; } = 10;

    public int InnerFolds { get; init; } = 5;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The learners to compare instead of each disease's own (tests use cheap ones); null for the diseases' own.</summary>
    public IReadOnlyList<Candidate>? Candidates { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
