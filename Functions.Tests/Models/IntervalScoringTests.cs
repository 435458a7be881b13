using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Explanations;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>The 95% interval of every estimate, computed in the same run as the probability, on the repository's models.</summary>
public sealed class IntervalScoringTests
{
    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Score_RandomValidPatients_EveryIntervalContainsItsEstimateAndOneAtATimeEqualsTheBatch(string key)
    {
        var model = ExplanationModels.Real(key);
        var disease = DiseaseCatalog.Get(key);
        var patients = ValidPatients.For(disease).Array[64].Single();
        var batch = ExplanationModels.Batch(patients);
        var columns = batch.ToColumns();

        var probabilities = new float[patients.Length];
        var intervals = new RiskInterval?[patients.Length];
        model.Score(columns, patients.Length, probabilities, intervals);

        Assert.True(model.HasIntervals);
        Assert.All(Enumerable.Range(0, patients.Length), p =>
        {
            var interval = intervals[p]!;
            Assert.Equal(0.95, interval.Level);
            Assert.InRange(probabilities[p], interval.Lower, interval.Upper);
            Assert.InRange(interval.Upper - interval.Lower, 0, 1);
        });
        // One patient at a time through the pooled bindings, from many threads: the same probability and the same interval.
        Parallel.For(0, patients.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var p = n % patients.Length;
            var probability = new float[1];
            var alone = new RiskInterval?[1];
            model.Score([.. patients[p].Select(v => (float)v)], 1, probability, alone);
            Assert.Equal(probabilities[p], probability[0], 1e-6f);
            // The same up to the answer's rounding (4 decimals): a batch and a single row may differ in a float's last bits,
            // which can fall either side of a rounding boundary.
            Assert.Equal(intervals[p]!.Lower, alone[0]!.Lower, 0.000101);
            Assert.Equal(intervals[p]!.Upper, alone[0]!.Upper, 0.000101);
            Assert.Equal(intervals[p]!.LowerPercentage, alone[0]!.LowerPercentage, 0.0101);
            Assert.Equal(intervals[p]!.UpperPercentage, alone[0]!.UpperPercentage, 0.0101);
        });
        var plain = new float[patients.Length];
        model.Score(columns, patients.Length, plain);
        Assert.Equal(probabilities, plain);
    }

    [Fact]
    public async Task LoadAsync_ManifestIntervalWithoutItsTermsOutput_RefusedAsOutputMismatch()
    {
        var (entry, bytes) = Repository("lung");
        var renamed = entry with { Interval = entry.Interval! with { TermsOutput = "Nope.output" } };
        var store = new TestModelStore();
        store.Publish((renamed, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(renamed, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.OutputMismatch, error.Reason);
    }

    [Fact]
    public async Task LoadAsync_ManifestIntervalThatDoesNotHoldTogether_RefusedAsManifestInvalid()
    {
        var (entry, bytes) = Repository("lung");
        var broken = entry with { Interval = entry.Interval! with { Covariance = [.. entry.Interval.Covariance.Skip(1)] } };
        var store = new TestModelStore();
        store.Publish((broken, bytes));

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => new ModelLoader(store, TimeProvider.System).LoadAsync(broken, CancellationToken.None));

        Assert.Equal(ModelUnavailableReason.ManifestInvalid, error.Reason);
        Assert.Contains("covariance", error.Message);
    }

    [Fact]
    public async Task Score_ManifestWrittenBeforeIntervals_ScoresWithoutThem()
    {
        var (entry, bytes) = Repository("lung");
        var older = entry with { Interval = null };
        var store = new TestModelStore();
        store.Publish((older, bytes));
        using var model = await new ModelLoader(store, TimeProvider.System).LoadAsync(older, CancellationToken.None);

        var intervals = new RiskInterval?[] { new(0.95, 0, 1, 0, 100) };
        model.Score(new float[8], 1, new float[1], intervals);

        Assert.False(model.HasIntervals);
        Assert.Null(intervals[0]);
    }

    private static (ModelEntry Entry, byte[] Bytes) Repository(string disease)
    {
        var entry = ExplanationModels.RepositoryManifest().Models[disease];
        return (entry, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, entry.BlobPath)));
    }
}
