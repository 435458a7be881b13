using Azure.Storage.Blobs;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// Azurite holding the repository's <c>models/</c> (uploaded as the training tool publishes it: the tree
/// mirrored into the <c>models</c> container, the manifest last) and DevHost serving the published worker.
/// </summary>
public sealed class PredictionHostFixture : IAsyncLifetime
{
    public AzuriteServer Storage { get; } = new();

    public DevHostServer Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Storage.StartAsync();
        await UploadModelsAsync(Storage.ConnectionString);
        Host = new DevHostServer(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = Storage.ConnectionString,
            ["ModelStorage"] = Storage.ConnectionString,
            // Storage-down tests must not wait long for a retry budget.
            ["ModelStore__RetryAfterSeconds"] = "3",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Storage.DisposeAsync();
    }

    public static async Task UploadModelsAsync(string connectionString)
    {
        var container = new BlobContainerClient(connectionString, "models");
        await container.CreateIfNotExistsAsync();
        var files = Directory.EnumerateFiles(RepositoryPaths.Models, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(RepositoryPaths.Models, path).Replace('\\', '/')))
            .OrderBy(file => file.Name == "manifest.json")
            .ToList();
        foreach (var (path, name) in files)
        {
            await container.GetBlobClient(name).UploadAsync(path, overwrite: true);
        }
    }
}
