using HealthOracle.Diseases;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.WarmUp;

public sealed class ModelRefresherTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RefreshAsync_FirstRun_PreloadsTheConfiguredDiseasesOnly()
    {
        var store = Store();
        using var host = Host(store, preload: "heart, Lung");

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(["loaded", "skipped", "skipped", "loaded", "skipped"], summary.Models.Select(m => m.Action));
        Assert.Equal(2, store.Downloads);
        Assert.True(host.Registry.State("lung").Loaded);
    }

    [Fact]
    public async Task RefreshAsync_UnchangedETag_DownloadsNothing()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal("unchanged", summary.Manifest);
        Assert.All(summary.Models, m => Assert.Equal("unchanged", m.Action));
        Assert.Equal(DiseaseCatalog.All.Count, store.Downloads);
        Assert.Equal(1, store.ManifestBodies);
    }

    [Fact]
    public async Task RefreshAsync_NewVersion_SwapsAndRetiresTheOldSession()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var old = await host.Registry.CurrentAsync("heart");
        store.Publish(TestModels.For("heart", version: "2.0", bias: 1));

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        var heart = summary.Models.Single(m => m.Disease == "heart");
        Assert.Equal(("swapped", "2.0", "1.0.0"), (heart.Action, heart.Version, heart.PreviousVersion));
        Assert.Equal("2.0", host.Registry.State("heart").Entry!.Version);
        Assert.True(old.IsDisposed);
        Assert.Equal(DiseaseCatalog.All.Count + 1, store.Downloads);
    }

    [Fact]
    public async Task RefreshAsync_SwapWhileALeaseIsHeld_DisposesTheOldSessionAfterTheLease()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var lease = await host.Registry.AcquireAsync("heart", CancellationToken.None);
        store.Publish(TestModels.For("heart", version: "2.0"));

        await host.Refresher.RefreshAsync(CancellationToken.None);
        var disposedDuringLease = lease.Model.IsDisposed;
        var probabilities = new float[1];
        lease.Model.Score(new float[13], 1, probabilities);
        lease.Dispose();

        Assert.False(disposedDuringLease);
        Assert.True(lease.Model.IsDisposed);
        Assert.InRange(probabilities[0], 0, 1);
    }

    [Fact]
    public async Task RefreshAsync_BadVersion_IsRefusedTheOldKeepsServingAndHealthSaysWhy()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var (entry, bytes) = TestModels.For("liver", version: "3.0");
        store.Publish((entry with { Sha256 = new string('a', 64) }, bytes));
        _time.Advance(TimeSpan.FromMinutes(5));

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);
        var again = await host.Refresher.RefreshAsync(CancellationToken.None);
        var response = await host.PostJsonAsync("liver", TestPatients.Json("liver"));
        var health = host.Services.GetRequiredService<HealthReporter>().Report().Models["liver"];

        Assert.Equal("refused", summary.Models.Single(m => m.Disease == "liver").Action);
        Assert.Equal("refused", again.Models.Single(m => m.Disease == "liver").Action);
        Assert.Equal(DiseaseCatalog.All.Count + 1, store.Downloads);
        Assert.Equal("1.0.0", response.Json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal("1.0.0", health.Version);
        Assert.Equal("3.0", health.Refused!.Version);
        Assert.Contains("SHA-256", health.Refused.Reason);
        Assert.Equal(_time.GetUtcNow(), health.LastRefreshUtc);
    }

    [Fact]
    public async Task RefreshAsync_StorageDown_KeepsServingAndRefusesNothing()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        store.Failure = () => new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down");

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);
        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.StartsWith("unavailable", summary.Manifest);
        Assert.Equal(200, response.Status);
        Assert.All(host.Registry.Snapshot(), s => Assert.Null(s.Refused));
    }

    [Fact]
    public async Task RefreshAsync_LogsOneSummaryWithTheActions()
    {
        var store = Store();
        using var host = Host(store);

        await host.Refresher.RefreshAsync(CancellationToken.None);

        var summary = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 3001);
        Assert.Contains($"{DiseaseCatalog.All.Count} loaded, 0 swapped, 0 refused", summary.Message);
        Assert.Contains("heart loaded 1.0.0", summary.Message);
    }

    [Fact]
    public async Task RefreshAsync_PingUrlSet_GetsItAndReportsTheStatus()
    {
        var listener = new System.Net.HttpListener();
        var port = Functions.Tests.TestSupport.FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (context.Request.HttpMethod, context.Request.Url!.AbsolutePath);
        });
        using var host = new TestPredictionHost(Store(), time: _time, settings: new() { ["WarmUp:PingUrl"] = $"http://127.0.0.1:{port}/api/health" });

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal(204, summary.PingStatus);
        Assert.Equal(("GET", "/api/health"), await served);
        listener.Stop();
    }

    private TestModelStore Store()
    {
        var store = new TestModelStore();
        store.Publish([.. DiseaseCatalog.Keys.Select(key => TestModels.For(key))]);
        return store;
    }

    private TestPredictionHost Host(TestModelStore store, string? preload = null) =>
        new(store, time: _time, settings: preload is null ? null : new() { ["WarmUp:Preload"] = preload });
}
