using Azure.Storage.Blobs;
using HealthOracle.Functions.Models.Manifest;
using HealthOracle.Functions.Predictions.Schema;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.TestSupport;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>Puts the models the app serves into the model store: the trained ones in models/, else the in-code test models.</summary>
internal static class SiteModels
{
    public static bool AreTrained => File.Exists(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName));

    public static async Task PublishAsync(string connectionString)
    {
        var container = new BlobContainerClient(connectionString, "models");
        if (!AreTrained)
        {
            await TestModels.PublishAsync(container, [.. DiseaseSchemas.All.Select(s => TestModels.For(s.Disease))]);
            return;
        }

        var manifest = JsonSerializer.Deserialize(
            await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName)), ModelManifestJsonContext.Default.ModelManifest)!;
        var models = manifest.Models.Values.Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath)))).ToArray();
        await TestModels.PublishAsync(container, models);
    }
}
