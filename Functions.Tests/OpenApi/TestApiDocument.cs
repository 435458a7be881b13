using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>The document as the app builds it: the features' services registered as Program.cs registers them, with the given settings.</summary>
internal static class TestApiDocument
{
    private static readonly Lazy<ApiDocument> Default = new(() => Build());

    /// <summary>The document with the default settings (built once for the test run).</summary>
    public static ApiDocument Current => Default.Value;

    public static ApiDocument Build(Dictionary<string, string?>? settings = null)
    {
        using var services = Services(settings);
        return services.GetRequiredService<ApiDocumentProvider>().Document;
    }

    public static ServiceProvider Services(Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddModelStore();
        services.AddPredictions();
        services.AddHealthReport();
        services.AddChat();
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        services.AddOpenApi();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }
}
