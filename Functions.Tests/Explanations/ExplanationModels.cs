using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Functions.Tests.Explanations;

/// <summary>Models to explain: small ones built in code with known coefficients, and the repository's trained ones.</summary>
internal static class ExplanationModels
{
    public static readonly Explainer Explainer = new(NullLogger<Explainer>.Instance);

    private static readonly Lazy<IReadOnlyDictionary<string, LoadedModel>> Repository = new(LoadRepository);

    /// <summary>The repository's served models (<c>models/manifest.json</c>), loaded and verified as the app loads them.</summary>
    public static LoadedModel Real(string disease) => Repository.Value[disease];

    public static ModelManifest RepositoryManifest() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName)), ModelManifestJsonContext.Default.ModelManifest)!;

    /// <summary>
    /// A logistic model of the disease's inputs built in code: log-odds = bias + Σ wᵢ·xᵢ (+ interactions), with the
    /// reference patient given, the log-odds exposed when asked, and the manifest's additive flag as given.
    /// </summary>
    public static LoadedModel Constructed(
        DiseaseDefinition disease, float[] weights, float bias, double[]? reference,
        bool additive = true, bool withLogOdds = true, IReadOnlyList<(int A, int B, float Weight)>? interactions = null)
    {
        var inputs = disease.InputNames.ToArray();
        var bytes = TestOnnxModel.Build(inputs, weights, bias, interactions: interactions, withLogOdds: withLogOdds);
        var entry = TestModels.Entry(disease.Key, "1.0.0", bytes) with
        {
            Explanation = reference is null ? null : new ExplanationInfo(reference, double.NaN, withLogOdds ? TestOnnxModel.LogOdds : null, additive),
        };
        return new LoadedModel(entry, new InferenceSession(bytes), inputs, DateTimeOffset.UnixEpoch, 0);
    }

    public static PatientBatch Batch(params double[][] patients) =>
        new([.. patients.SelectMany(p => p)], patients.Length, patients[0].Length, isArray: patients.Length > 1);

    /// <summary>Scores rows one at a time through the session, apart from any batching the app does.</summary>
    public static float ScoreAlone(LoadedModel model, double[] row)
    {
        var probability = new float[1];
        model.Score([.. row.Select(v => (float)v)], 1, probability);
        return probability[0];
    }

    /// <summary>The model's probabilities for a batch, as PredictionService scores them.</summary>
    public static float[] Probabilities(LoadedModel model, PatientBatch batch)
    {
        var probabilities = new float[batch.Count];
        model.Score(batch.ToColumns(), batch.Count, probabilities);
        return probabilities;
    }

    /// <summary>An in-memory model store holding the repository's models and manifest.</summary>
    public static TestModelStore RepositoryStore()
    {
        var store = new TestModelStore();
        store.Publish([.. RepositoryManifest().Models.Values.Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath))))]);
        return store;
    }

    private static IReadOnlyDictionary<string, LoadedModel> LoadRepository()
    {
        var manifest = RepositoryManifest();
        var store = RepositoryStore();
        var loader = new ModelLoader(store, TimeProvider.System);
        return manifest.Models.Values.ToDictionary(e => e.Disease, e => loader.LoadAsync(e, CancellationToken.None).GetAwaiter().GetResult());
    }
}

internal static class ExplainerExtensions
{
    /// <summary>Explains a batch as the prediction service does: its values, row-major, and its count.</summary>
    public static PatientExplanation[] Explain(this Explainer explainer, DiseaseDefinition disease, LoadedModel model, PatientBatch batch, ReadOnlySpan<float> probabilities) =>
        explainer.Explain(disease, model, batch.Values, batch.Count, probabilities);
}
