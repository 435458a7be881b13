using CsCheck;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Training.Data;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>The served models of <c>models/</c>: their factors add up, and the fast additive path equals scoring every coalition.</summary>
public sealed class RealModelExplanationTests
{
    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Explain_EveryTrainingRow_FactorsAddUpToTheEstimateLessTheBaseline(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        var table = TrainingSources.Load(disease, RepositoryPaths.Datasets).Table;
        var batch = ExplanationModels.Batch([.. table.Rows.Select(r => r.Select(v => (double)v).ToArray())]);
        var probabilities = ExplanationModels.Probabilities(model, batch);

        var explanations = ExplanationModels.Explainer.Explain(disease, model, batch, probabilities);

        Assert.Equal(table.Count, explanations.Length);
        for (var p = 0; p < explanations.Length; p++)
        {
            var sum = explanations[p].Factors!.Sum(f => f.Contribution);
            Assert.True(Math.Abs(Risk.Percentage(probabilities[p]) - explanations[p].Baseline!.Value - sum) < 1e-9, $"{key} row {p}: {sum}");
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Explain_RandomValidPatients_FactorsAddUpAndTheAdditivePathEqualsEveryCoalitionScored(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        using var generic = AsNotAdditive(model);
        ValidPatients.For(disease).Sample(patient =>
        {
            var batch = ExplanationModels.Batch(patient);
            var probabilities = ExplanationModels.Probabilities(model, batch);

            var fast = ExplanationModels.Explainer.Explain(disease, model, batch, probabilities)[0];
            var slow = ExplanationModels.Explainer.Explain(disease, generic, batch, probabilities)[0];

            Assert.Equal(Risk.Percentage(probabilities[0]) - fast.Baseline!.Value, fast.Factors!.Sum(f => f.Contribution), 1e-9);
            foreach (var factor in fast.Factors!)
            {
                // Both are rounded to 0.01 separately; float32 scoring differs by far less.
                Assert.Equal(slow.Factors!.Single(f => f.Field == factor.Field).Contribution, factor.Contribution, 0.0101);
            }
        }, iter: 40, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Explain_RealModel_BaselineIsTheManifestsReferencePatientScoredNow(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var model = ExplanationModels.Real(key);
        var reference = model.Entry.Explanation!.Reference.ToArray();
        var batch = ExplanationModels.Batch(reference);

        var explanation = ExplanationModels.Explainer.Explain(disease, model, batch, ExplanationModels.Probabilities(model, batch))[0];

        Assert.Equal(Risk.Percentage(model.Entry.Explanation.ReferenceProbability), explanation.Baseline);
        Assert.All(explanation.Factors!, f => Assert.Equal(0, f.Contribution));
    }

    /// <summary>The same graph, with a manifest that does not claim additivity: every coalition is scored.</summary>
    private static LoadedModel AsNotAdditive(LoadedModel model)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, model.Entry.BlobPath));
        var entry = model.Entry with { Explanation = model.Entry.Explanation! with { Additive = false } };
        return new LoadedModel(entry, new Microsoft.ML.OnnxRuntime.InferenceSession(bytes), [.. entry.Inputs], DateTimeOffset.UnixEpoch, 0);
    }
}
