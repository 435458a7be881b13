using Azure.Storage.Blobs;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>The trained models of <c>models/</c>, published to Azurite as the training tool does, loaded and scored.</summary>
public sealed class RealModelsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string ManifestPath = Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName);

    [Fact]
    public async Task Predict_EachRealModel_LoadsVerifiesAndScoresAValidPatient()
    {
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(ManifestPath), ModelManifestJsonContext.Default.ModelManifest)!;
        var name = "real" + Guid.NewGuid().ToString("N");
        var container = new BlobContainerClient(azurite.ConnectionString, name);
        var models = manifest.Models.Values.Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath)))).ToArray();
        await TestModels.PublishAsync(container, models);
        using var host = new TestPredictionHost(TestPredictionHost.BlobStore(azurite.ConnectionString, name).Store);

        foreach (var entry in manifest.Models.Values)
        {
            var response = await host.PostJsonAsync(entry.Disease, TestPatients.Json(entry.Disease));

            Assert.True(response.Status == 200, $"{entry.Disease}: {response.Status} {response.Body}");
            Assert.Equal(entry.Version, response.Json.GetProperty("model").GetProperty("version").GetString());
            Assert.InRange(response.Json.GetProperty("probability").GetDouble(), 0, 1);
        }
    }
}
