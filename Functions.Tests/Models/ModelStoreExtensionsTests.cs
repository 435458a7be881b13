using Azure.Storage.Blobs;
using HealthOracle.Functions.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Functions.Tests.Models;

public sealed class ModelStoreExtensionsTests
{
    [Fact]
    public void AddModelStore_ConnectionString_UsesItsBlobEndpoint()
    {
        using var services = Build(new() { ["ModelStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10999/devstoreaccount1;" });

        var client = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("http://127.0.0.1:10999/devstoreaccount1"), client.Uri);
    }

    [Fact]
    public void AddModelStore_ServiceUriWithManagedIdentity_UsesTheUriWithoutASecret()
    {
        using var services = Build(new()
        {
            ["ModelStorage:serviceUri"] = "https://stmodels.blob.core.windows.net",
            ["ModelStorage:credential"] = "managedidentity",
            ["ModelStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var client = services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://stmodels.blob.core.windows.net"), client.Uri);
        Assert.Equal("stmodels", client.AccountName);
    }

    [Fact]
    public async Task AddModelStore_NothingConfigured_Is503NotConfiguredOnFirstUse()
    {
        using var services = Build([]);
        var registry = services.GetRequiredService<ModelRegistry>();

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => registry.AcquireAsync("heart", CancellationToken.None).AsTask());

        Assert.Equal(ModelUnavailableReason.NotConfigured, error.Reason);
    }

    [Fact]
    public void AddModelStore_ContainerAndRetryAfter_AreBoundFromTheConnectionsSection()
    {
        using var services = Build(new()
        {
            ["ModelStorage"] = "UseDevelopmentStorage=true",
            ["ModelStorage:Container"] = "models-v3",
            ["ModelStorage:RetryAfterSeconds"] = "12",
        });

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ModelStoreOptions>>().Value;

        Assert.Equal(("models-v3", 12), (options.Container, options.RetryAfterSeconds));
    }

    [Fact]
    public async Task AddModelStore_AtWorkerStart_CreatesTheOnnxRuntimeEnvironmentInTheBackgroundAndLoadsNoModel()
    {
        using var services = Build([]);
        var startup = Assert.Single(services.GetServices<IHostedService>().OfType<OnnxRuntimeStartup>());

        var start = startup.StartAsync(CancellationToken.None);

        Assert.True(start.IsCompletedSuccessfully);
        await startup.Initialized;
        Assert.True(OrtEnv.IsCreated);
        Assert.All(services.GetRequiredService<ModelRegistry>().Snapshot(), state => Assert.False(state.Loaded || state.Loading));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.None));
        services.AddSingleton(TimeProvider.System);
        services.AddModelStore();
        return services.BuildServiceProvider();
    }
}
