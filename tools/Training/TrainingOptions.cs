using HealthOracle.Training.Modeling;

namespace HealthOracle.Training;

/// <summary>How a training run is set up; the defaults are the published models'.</summary>
internal sealed record TrainingOptions(string ModelsFolder, string Version)
{
    public const int DefaultSeed = 42;

    public int Folds { get; init; } = 10;

    public int InnerFolds { get; init; } = 5;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Bootstrap replicates of the whole pipeline that estimate each model's coefficient covariance (its 95% intervals).</summary>
    public int Replicates { get; init; } = 200;

    /// <summary>Fresh replicates whose out-of-bag estimates measure the intervals' coverage.</summary>
    public int ValidationReplicates { get; init; } = 100;

    /// <summary>The coverage training demands of the 95% intervals, or null to report it without demanding (tests with few replicates).</summary>
    public (double Low, double High)? CoverageBounds { get; init; } = (0.92, 0.98);

    /// <summary>Replicates fitted at once (each alone is single-threaded); the results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The learners to compare instead of each disease's own (tests use cheap ones); null for the diseases' own.</summary>
    public IReadOnlyList<Candidate>? Candidates { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
