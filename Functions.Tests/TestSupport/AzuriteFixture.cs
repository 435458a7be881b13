namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>One Azurite per test class: <c>IClassFixture&lt;AzuriteFixture&gt;</c>.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteServer Server { get; } = new();

    public string ConnectionString => Server.ConnectionString;

    public Task InitializeAsync() => Server.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
