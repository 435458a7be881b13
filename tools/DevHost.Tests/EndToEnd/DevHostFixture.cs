using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>One Azurite and one DevHost (with the published worker) per test class.</summary>
public sealed class DevHostFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "http://allowed.test";

    public AzuriteServer Storage { get; } = new();

    public DevHostServer Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Storage.StartAsync();
        Host = new DevHostServer(
            new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = Storage.ConnectionString,
                ["ModelStorage"] = Storage.ConnectionString,
            },
            cors: AllowedOrigin);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
