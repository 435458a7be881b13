using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Training.Tests;

/// <summary>
/// A models folder trained once per test class with the real pipeline, on fewer folds and smaller
/// learners than the published models so that the tests stay quick: heart and diabetes from the public
/// files, lung from the generator.
/// </summary>
public sealed class TrainedModelsFixture : IDisposable
{
    public static readonly DateTimeOffset Created = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public TrainedModelsFixture()
    {
        Folder = TestData.TempFolder("ho-models-");
        Options = QuickOptions(Folder);
        var run = new TrainingRun(Options, Progress.Silent);
        Models = new Dictionary<string, TrainedModel>
        {
            ["heart"] = run.Train("heart", TrainingSources.Load("heart", TestData.Datasets)),
            ["diabetes"] = run.Train("diabetes", TrainingSources.Load("diabetes", TestData.Datasets)),
            ["lung"] = run.Train("lung", TrainingSources.Lung(rows: 400)),
        };
        HealthOracle.Training.Reporting.ManifestStore.Update(Folder, Models.Values.Select(m => m.Entry));
    }

    public string Folder { get; }

    internal TrainingOptions Options { get; }

    internal IReadOnlyDictionary<string, TrainedModel> Models { get; }

    internal static TrainingOptions QuickOptions(string folder) => new(folder, "2026.11.26")
    {
        Folds = 5,
        InnerFolds = 2,
        Candidates = [Candidates.LogisticRegression(1), Candidates.FastTree(20, 4, 0.1, 5), Candidates.MonotoneLogisticRegression(1)],
        Clock = new FakeTimeProvider(Created),
        // Enough replicates to exercise the whole bootstrap, too few for a coverage worth demanding.
        Replicates = 16,
        ValidationReplicates = 8,
        CoverageBounds = null,
        Threads = 2,
    };

    /// <summary>A copy of the trained folder that a test may change.</summary>
    public string Copy()
    {
        var target = TestData.TempFolder("ho-models-copy-");
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>One trained folder shared by every class that needs one: training is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelsCollection : ICollectionFixture<TrainedModelsFixture>
{
    public const string Name = "trained models";
}
