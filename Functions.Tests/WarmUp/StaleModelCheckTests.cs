using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.WarmUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.WarmUp;

public sealed class StaleModelCheckTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(300);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RefreshIfStale_LoadedRecently_StartsNothing()
    {
        var store = Store();
        using var host = Host(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(StaleAfter - TimeSpan.FromSeconds(1));

        var refresh = Check(host).RefreshIfStale("heart");

        Assert.Null(refresh);
        Assert.Equal(1, store.ManifestReads);
    }

    [Fact]
    public void RefreshIfStale_NothingLoaded_StartsNothing()
    {
        var store = Store();
        using var host = Host(store);
        _time.Advance(StaleAfter * 2);

        var refresh = Check(host).RefreshIfStale("heart");

        Assert.Null(refresh);
        Assert.Equal(0, store.ManifestReads);
    }

    [Fact]
    public async Task RefreshIfStale_StaleSinceFirstLoad_RefreshesAndPicksUpANewVersion()
    {
        var store = Store();
        using var host = Host(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        store.Publish(TestModels.For("heart", version: "2.0"));
        _time.Advance(StaleAfter);

        await Check(host).RefreshIfStale("heart")!;
        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal("2.0", response.Json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(_time.GetUtcNow(), host.Registry.State("heart").LastRefreshUtc);
    }

    [Fact]
    public async Task RefreshIfStale_RefreshedRecently_StartsNothingEvenIfLoadedLongAgo()
    {
        var store = Store();
        using var host = Host(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(StaleAfter * 3);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        _time.Advance(StaleAfter / 2);
        var reads = store.ManifestReads;

        var refresh = Check(host).RefreshIfStale("heart");

        Assert.Null(refresh);
        Assert.Equal(reads, store.ManifestReads);
    }

    [Fact]
    public async Task RefreshIfStale_ManyConcurrentCallers_StartsExactlyOneRefresh()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        _time.Advance(StaleAfter);
        store.Delay = TimeSpan.FromMilliseconds(200);
        var check = Check(host);
        var reads = store.ManifestReads;
        using var start = new Barrier(16);

        // Dedicated threads: sixteen pool threads blocked on a barrier would starve the pool on a small machine.
        var started = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 50).Select(_ => check.RefreshIfStale(TestPatients.Valid.Keys.ElementAt(i % 4))).OfType<Task>().ToList();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        var refreshes = started.SelectMany(t => t).ToList();
        await Task.WhenAll(refreshes);
        var afterwards = check.RefreshIfStale("heart");

        _ = Assert.Single(refreshes);
        Assert.Equal(reads + 1, store.ManifestReads);
        Assert.Null(afterwards);
    }

    [Fact]
    public async Task RefreshIfStale_RefreshThrows_CompletesLogsAndRetriesOnlyAfterTheInterval()
    {
        var store = Store();
        using var host = Host(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(StaleAfter);
        store.Failure = () => throw new InvalidOperationException("storage client broke");
        var check = Check(host);

        var failing = check.RefreshIfStale("heart")!;
        await failing;
        var soonAfter = check.RefreshIfStale("heart");
        _time.Advance(StaleAfter);
        var later = check.RefreshIfStale("heart");
        await later!;

        Assert.True(failing.IsCompletedSuccessfully);
        Assert.Null(soonAfter);
        Assert.NotNull(later);
        Assert.Equal(2, host.Logs.GetSnapshot().Count(r => r.Id.Id == 3004));
        Assert.Null(host.Registry.State("heart").LastRefreshUtc);
    }

    [Fact]
    public async Task RefreshIfStale_PingUrlSet_RefreshesWithoutPinging()
    {
        var store = Store();
        using var host = new TestPredictionHost(store, time: _time, settings: new() { ["WarmUp:PingUrl"] = "http://127.0.0.1:1/api/health" });
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(StaleAfter);

        await Check(host).RefreshIfStale("heart")!;

        var logs = host.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Id.Id == 3001);
        Assert.DoesNotContain(logs, r => r.Id.Id == 3002);
    }

    [Fact]
    public async Task RefreshIfStale_Disabled_StartsNothing()
    {
        var store = Store();
        using var host = Host(store, staleAfterSeconds: "0");
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(TimeSpan.FromDays(1));

        var refresh = Check(host).RefreshIfStale("heart");

        Assert.Null(refresh);
    }

    private static StaleModelCheck Check(TestPredictionHost host) => host.Services.GetRequiredService<StaleModelCheck>();

    private static TestModelStore Store()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart"), TestModels.For("diabetes"), TestModels.For("liver"), TestModels.For("lung"));
        return store;
    }

    private TestPredictionHost Host(TestModelStore store, string? staleAfterSeconds = null) =>
        new(store, time: _time, settings: staleAfterSeconds is null ? null : new() { ["WarmUp:StaleAfterSeconds"] = staleAfterSeconds });
}
