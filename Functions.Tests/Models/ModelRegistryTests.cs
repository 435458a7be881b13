using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Azure.Storage.Blobs;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>The registry against a real Azurite: loading, single flight, storage outages, refusals.</summary>
public sealed class ModelRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AcquireAsync_FirstCall_LoadsOnceAndTheSecondCallDoesNotDownload()
    {
        var (store, counter, _) = await PublishAsync(TestModels.For("heart"));
        using var host = new TestPredictionHost(store);

        var first = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        var second = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(1, counter.Count("GET", "/manifest.json"));
        Assert.Equal(1, counter.Count("GET", "/model.onnx"));
    }

    [Fact]
    public async Task AcquireAsync_100ConcurrentFirstCalls_ReadTheManifestOnceAndDownloadOnce()
    {
        var (store, counter, _) = await PublishAsync(TestModels.For("diabetes"));
        using var host = new TestPredictionHost(store);
        using var start = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await host.PostJsonAsync("diabetes", TestPatients.Json("diabetes"));
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(calls);

        Assert.All(responses, r => Assert.Equal(200, r.Status));
        Assert.Equal(1, counter.Count("GET", "/manifest.json"));
        Assert.Equal(1, counter.Count("GET", "/model.onnx"));
    }

    [Fact]
    public async Task AcquireAsync_StorageStoppedThenRestarted_Is503ThenSucceeds()
    {
        await using var server = new AzuriteServer();
        await server.StartAsync();
        var (store, _, _) = await PublishAsync(server, TestModels.For("liver"), TestModels.For("heart"));
        using var host = new TestPredictionHost(store, retryAfterSeconds: 5);
        var heart = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        await server.StopAsync();
        var down = await host.PostJsonAsync("liver", TestPatients.Json("liver"));
        var loadedWhileDown = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        await server.StartAsync();
        var back = await host.PostJsonAsync("liver", TestPatients.Json("liver"));

        Assert.Equal(200, heart.Status);
        Assert.Equal(503, down.Status);
        Assert.Equal("5", down.Headers.RetryAfter.ToString());
        Assert.Equal("StorageUnreachable", down.Json.GetProperty("reason").GetString());
        Assert.Equal(200, loadedWhileDown.Status);
        Assert.Equal(200, back.Status);
    }

    [Fact]
    public async Task AcquireAsync_TamperedBlob_IsRefusedWith503()
    {
        var (entry, bytes) = TestModels.For("lung");
        var (store, _, container) = await PublishAsync((entry, bytes));
        var tampered = (byte[])bytes.Clone();
        tampered[10] ^= 0x55;
        await container.GetBlobClient(entry.BlobPath).UploadAsync(BinaryData.FromBytes(tampered), overwrite: true);
        using var host = new TestPredictionHost(store);

        var response = await host.PostJsonAsync("lung", TestPatients.Json("lung"));

        Assert.Equal(503, response.Status);
        Assert.Equal("HashMismatch", response.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AcquireAsync_ModelWithWrongInputs_IsRefusedWith503()
    {
        var inputs = Heart.Definition.InputNames.Take(12).Append("thallium").ToArray();
        var bytes = TestOnnxModel.Build(inputs, TestOnnxModel.SpreadWeights(13), 0);
        var (store, _, _) = await PublishAsync((TestModels.Entry("heart", "wrong", bytes), bytes));
        using var host = new TestPredictionHost(store);

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, response.Status);
        Assert.Equal("InputsMismatch", response.Json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(false, "ManifestMissing")]
    [InlineData(true, "BlobMissing")]
    public async Task AcquireAsync_MissingManifestOrBlob_IsRefusedWith503(bool withManifest, string reason)
    {
        var name = "m" + Guid.NewGuid().ToString("N");
        var container = new BlobContainerClient(azurite.ConnectionString, name);
        await container.CreateAsync();
        if (withManifest)
        {
            await TestModels.PublishManifestAsync(container, TestModels.Manifest(TestModels.For("heart").Entry));
        }

        using var host = new TestPredictionHost(TestPredictionHost.BlobStore(azurite.ConnectionString, name).Store);

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, response.Status);
        Assert.Equal(reason, response.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Dispose_DisposesTheSessions()
    {
        var (store, _, _) = await PublishAsync(TestModels.For("heart"));
        var host = new TestPredictionHost(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        var model = await host.Registry.CurrentAsync("heart");

        host.Dispose();

        Assert.True(model.IsDisposed);
    }

    private Task<(ModelStore, RequestCounter, BlobContainerClient)> PublishAsync(params (HealthOracle.Diseases.Manifest.ModelEntry, byte[])[] models) =>
        PublishAsync(azurite.Server, models);

    internal static async Task<(ModelStore, RequestCounter, BlobContainerClient)> PublishAsync(AzuriteServer server, params (HealthOracle.Diseases.Manifest.ModelEntry, byte[])[] models)
    {
        var name = "m" + Guid.NewGuid().ToString("N");
        var container = new BlobContainerClient(server.ConnectionString, name);
        await TestModels.PublishAsync(container, models);
        var (store, counter) = TestPredictionHost.BlobStore(server.ConnectionString, name);
        return (store, counter, container);
    }
}
