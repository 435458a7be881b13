using Azure.Storage.Blobs;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>The repository's trained models (<c>models/</c>) in a model store, as the training tool publishes them.</summary>
public static class RepositoryModels
{
    /// <summary>Mirrors <c>models/</c> into the <c>models</c> container: every model first, the manifest last.</summary>
    public static async Task UploadAsync(string connectionString)
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
