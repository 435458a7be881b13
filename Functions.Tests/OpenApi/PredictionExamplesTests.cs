using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// The API reference's example per disease (<c>Functions/Predictions/Examples/{disease}.json</c>) is what the
/// served models really answer: one patient and a batch of two are posted to the app's prediction services
/// over the repository's models, and the answers must equal the recorded ones. A deliberate change (a new
/// disease, a retrained model, a new answer field) rewrites them with <c>UPDATE_SNAPSHOTS=1</c>.
/// </summary>
public sealed class PredictionExamplesTests
{
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Example_IsWhatTheServedModelAnswers(string disease)
    {
        using var host = new TestPredictionHost(RepositoryStore(), captureLogs: false);
        var patient = JsonNode.Parse(TestPatients.Json(disease))!.AsObject();
        var older = patient.DeepClone().AsObject();
        older["age"] = older["age"]!.GetValue<int>() + 10;
        var batch = new JsonArray(patient.DeepClone(), older);

        var one = await host.PostJsonAsync(disease, patient.ToJsonString());
        var many = await host.PostJsonAsync(disease, batch.ToJsonString());
        Assert.Equal(200, one.Status);
        Assert.Equal(200, many.Status);
        var recorded = new JsonObject
        {
            ["patient"] = patient,
            ["answer"] = JsonNode.Parse(one.Body),
            ["batch"] = batch,
            ["batchAnswer"] = JsonNode.Parse(many.Body),
        }.ToJsonString(Written) + "\n";

        var path = Path.Combine(RepositoryPaths.Root, "Functions", "Predictions", PredictionExamples.Folder, disease + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, recorded, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.True(File.Exists(path), $"No example is recorded for {disease}: run the tests with UPDATE_SNAPSHOTS=1.");
        Assert.Equal(await File.ReadAllTextAsync(path), recorded);

        // What the app embeds and the document shows is that file.
        var embedded = PredictionExamples.For(disease);
        Assert.NotNull(embedded);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(one.Body), embedded.Answer));
    }

    private static TestModelStore RepositoryStore()
    {
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName)), ModelManifestJsonContext.Default.ModelManifest)!;
        var store = new TestModelStore();
        store.Publish(manifest.Models.Values.Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath)))).ToArray());
        return store;
    }
}
