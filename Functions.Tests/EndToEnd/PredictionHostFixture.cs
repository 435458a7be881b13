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
        await RepositoryModels.UploadAsync(Storage.ConnectionString);
        Host = new DevHostServer(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = Storage.ConnectionString,
            ["ModelStorage"] = Storage.ConnectionString,
            // Storage-down tests must not wait long for a retry budget.
            ["ModelStorage__RetryAfterSeconds"] = "3",
        });
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
