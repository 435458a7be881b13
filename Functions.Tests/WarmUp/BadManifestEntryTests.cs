using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.WarmUp;

/// <summary>
/// Issue 18, defect 4: one disease's bad manifest entry (null, naming another disease, missing fields, or a
/// key this app does not serve) touches that disease alone, and health shows it.
/// </summary>
public sealed class BadManifestEntryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> BadEntries => ["null", "another disease", "missing fields"];

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task RefreshAsync_BadEntryForOneDisease_RefusesItAloneAndTheOthersAreRefreshed(string kind)
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        store.PublishEntry("heart", Bad(kind));
        store.Publish(TestModels.For("lung", version: "2.0"));

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        var heart = summary.Models.Single(m => m.Disease == "heart");
        Assert.Equal("refused", heart.Action);
        Assert.Contains("manifest", heart.Reason, StringComparison.Ordinal);
        Assert.Equal("1.0.0", host.Registry.State("heart").Entry!.Version);
        Assert.Equal("2.0", host.Registry.State("lung").Entry!.Version);
        Assert.Equal(DiseaseCatalog.Keys.Count(), summary.Models.Count);
        var health = Health(host);
        Assert.Equal("degraded", health.Status);
        Assert.Contains(health.Problems, p => p.StartsWith("heart:", StringComparison.Ordinal));
        Assert.NotNull(health.Models["heart"].Refused);
        Assert.Null(health.Models["lung"].Refused);
    }

    [Fact]
    public async Task RefreshAsync_KeyOfADiseaseThisAppDoesNotServe_IsIgnoredAndShownInHealth()
    {
        var store = Store();
        using var host = Host(store);
        store.PublishEntry("cancer", TestModels.For("heart").Entry with { Disease = "cancer" });

        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        Assert.All(summary.Models, m => Assert.Equal("loaded", m.Action));
        var health = Health(host);
        Assert.Equal("degraded", health.Status);
        Assert.Contains(health.Problems, p => p.Contains("cancer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefreshAsync_BadEntryThenFixed_ServesTheFixedVersionAndHealthIsOkAgain()
    {
        var store = Store();
        using var host = Host(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        store.PublishEntry("heart", null);
        await host.Refresher.RefreshAsync(CancellationToken.None);

        store.Publish(TestModels.For("heart", version: "3.0"));
        var summary = await host.Refresher.RefreshAsync(CancellationToken.None);

        Assert.Equal("swapped", summary.Models.Single(m => m.Disease == "heart").Action);
        Assert.Equal("ok", Health(host).Status);
        Assert.Empty(Health(host).Problems);
    }

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task AcquireAsync_FreshWorkerWithABadEntry_IsAManifestProblemForThatDiseaseOnly(string kind)
    {
        var store = Store();
        store.PublishEntry("heart", Bad(kind));
        using var host = Host(store);

        var heart = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        var liver = await host.PostJsonAsync("liver", TestPatients.Json("liver"));

        Assert.Equal(503, heart.Status);
        Assert.Equal("ManifestInvalid", heart.Json.GetProperty("reason").GetString());
        Assert.Equal(200, liver.Status);
        Assert.Contains(Health(host).Problems, p => p.StartsWith("heart:", StringComparison.Ordinal));
    }

    private static ModelEntry? Bad(string kind) => kind switch
    {
        "null" => null,
        "another disease" => TestModels.For("lung", version: "9.9").Entry,
        _ => TestModels.For("heart", version: "4.0").Entry with { Inputs = null!, Sha256 = null!, TrainingData = null! },
    };

    private static HealthReport Health(TestPredictionHost host) => host.Services.GetRequiredService<HealthReporter>().Report();

    private static TestModelStore Store()
    {
        var store = new TestModelStore();
        store.Publish([.. DiseaseCatalog.Keys.Select(key => TestModels.For(key))]);
        return store;
    }

    private TestPredictionHost Host(TestModelStore store) =>
        new(store, time: _time, settings: new() { ["WarmUp:Preload"] = string.Join(",", DiseaseCatalog.Keys) });
}
