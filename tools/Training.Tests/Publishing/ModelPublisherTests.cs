using Azure.Storage.Blobs;
using HealthOracle.Functions.Models.Manifest;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Training.Publishing;

namespace HealthOracle.Training.Tests.Publishing;

public sealed class ModelPublisherTests(TrainedModelsFixture fixture) : IClassFixture<TrainedModelsFixture>, IAsyncLifetime
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
}
