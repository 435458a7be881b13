using Azure.Storage.Blobs;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealthOracle.Bench;

/// <summary>Azurite with the repository's four models (<c>models/</c>) published, and the app's services over it.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private BenchHost(AzuriteServer azurite, BlobServiceClient blobs)
    {
        Azurite = azurite;
        Blobs = blobs;
    }

    public AzuriteServer Azurite { get; }

    public BlobServiceClient Blobs { get; }

    public static async Task<BenchHost> StartAsync()
    {
        var azurite = new AzuriteServer();
        await azurite.StartAsync();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        // The project's trained models, uploaded as the training tool publishes them (manifest last).
        await RepositoryModels.UploadAsync(azurite.ConnectionString);
        return new BenchHost(azurite, blobs);
    }

    public ModelStore NewStore() => new(() => Blobs, Options.Create(new ModelStoreOptions()));

    public ModelRegistry NewRegistry()
    {
        var store = NewStore();
        return new ModelRegistry(store, new ModelLoader(store, TimeProvider.System), TimeProvider.System, Options.Create(new ModelStoreOptions()), NullLogger<ModelRegistry>.Instance);
    }

    /// <summary>A disease's prediction function as the worker wires it: the HTTP side over the scoring service, no observers.</summary>
    public static PredictionEndpoint NewService(ModelRegistry registry) => new(
        new PredictionService(registry, new Explainer(NullLogger<Explainer>.Instance), [], [], TimeProvider.System, NullLogger<PredictionService>.Instance),
        NullLogger<PredictionEndpoint>.Instance);

    public static HttpRequest Post(byte[] body, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.QueryString = new QueryString(query);
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        return context.Request;
    }

    public ValueTask DisposeAsync() => Azurite.DisposeAsync();
}
