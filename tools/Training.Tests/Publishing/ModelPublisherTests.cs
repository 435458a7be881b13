using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Training.Publishing;

namespace HealthOracle.Training.Tests.Publishing;

[Collection(TrainedModelsCollection.Name)]
public sealed class ModelPublisherTests(TrainedModelsFixture fixture) : IAsyncLifetime
{
    private readonly AzuriteServer _azurite = new();

    public Task InitializeAsync() => _azurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Publish_ToAzurite_EveryFileReadsBackAndTheManifestComesLast()
    {
        var container = new BlobContainerClient(_azurite.ConnectionString, "models");
        var publisher = new ModelPublisher(container, Progress.Silent);

        var result = await publisher.PublishAsync(fixture.Folder, CancellationToken.None);

        var files = Directory.EnumerateFiles(fixture.Folder, "*", SearchOption.AllDirectories).ToArray();
        Assert.Equal(files.Length, result.Uploaded.Count);
        Assert.Equal(ModelManifest.BlobName, result.Uploaded[^1]);
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(fixture.Folder, file).Replace('\\', '/');
            var content = await container.GetBlobClient(name).DownloadContentAsync();
            Assert.Equal(await File.ReadAllBytesAsync(file), content.Value.Content.ToArray());
        }

        var manifest = await container.GetBlobClient(ModelManifest.BlobName).GetPropertiesAsync();
        var model = await container.GetBlobClient("heart/2026.11.26/model.onnx").GetPropertiesAsync();
        Assert.True(manifest.Value.LastModified >= model.Value.LastModified);
    }

    [Fact]
    public async Task Publish_Twice_SecondUploadsOnlyWhatChanged()
    {
        var folder = fixture.Copy();
        var container = new BlobContainerClient(_azurite.ConnectionString, "models-again");
        var publisher = new ModelPublisher(container, Progress.Silent);
        await publisher.PublishAsync(folder, CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(folder, "lung", "2026.11.26", "card.md"), "\nEdited.\n");

        var second = await publisher.PublishAsync(folder, CancellationToken.None);

        Assert.Equal(["lung/2026.11.26/card.md"], second.Uploaded);
        Assert.Contains(ModelManifest.BlobName, second.Unchanged);
    }

    [Fact]
    public async Task Publish_IdentityRefusedTheContainerCheck_AssumesItExistsAndUploads()
    {
        var owner = new BlobContainerClient(_azurite.ConnectionString, "models-scoped");
        await owner.CreateAsync();
        // A container SAS may read and write blobs but not read or create the container: a 403, as for a
        // container-scoped data role in Azure.
        var scoped = new BlobContainerClient(owner.GenerateSasUri(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.Create, DateTimeOffset.UtcNow.AddHours(1)));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => scoped.ExistsAsync());
        var publisher = new ModelPublisher(scoped, Progress.Silent);

        var result = await publisher.PublishAsync(fixture.Folder, CancellationToken.None);

        Assert.Equal(403, refused.Status);
        Assert.Equal(ModelManifest.BlobName, result.Uploaded[^1]);
        Assert.True((await owner.GetBlobClient(ModelManifest.BlobName).ExistsAsync()).Value);
    }

    [Fact]
    public async Task Publish_RefusedTheContainerCheckAndItIsMissing_FailsSayingWhatWasAssumed()
    {
        var owner = new BlobContainerClient(_azurite.ConnectionString, "models-missing");
        var scoped = new BlobContainerClient(owner.GenerateSasUri(BlobContainerSasPermissions.Read | BlobContainerSasPermissions.Write | BlobContainerSasPermissions.Create, DateTimeOffset.UtcNow.AddHours(1)));
        var publisher = new ModelPublisher(scoped, Progress.Silent);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => publisher.PublishAsync(fixture.Folder, CancellationToken.None));

        Assert.Equal(404, failure.Status);
        Assert.Contains("The container models-missing could not be checked or created (403", failure.Message);
        Assert.Contains("Storage Blob Data Contributor", failure.Message);
        Assert.False((await owner.ExistsAsync()).Value);
    }
}
