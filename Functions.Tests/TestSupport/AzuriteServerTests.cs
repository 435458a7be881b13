using Azure.Storage.Blobs;

namespace HealthOracle.Functions.Tests.TestSupport;

public sealed class AzuriteServerTests
{
    [Fact]
    public async Task StopAndStart_KeepsBlobsOnTheSamePort()
    {
        await using var azurite = new AzuriteServer();
        await azurite.StartAsync();
        var container = new BlobContainerClient(azurite.ConnectionString, "probe");
        await container.CreateAsync();
        await container.UploadBlobAsync("a.txt", BinaryData.FromString("kept"));

        await azurite.StopAsync();
        await azurite.StartAsync();
        var content = await container.GetBlobClient("a.txt").DownloadContentAsync();

        Assert.Equal("kept", content.Value.Content.ToString());
    }
}
