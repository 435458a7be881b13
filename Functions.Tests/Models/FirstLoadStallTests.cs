using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>
/// Issue 18, defect 5: a store that stalls at a first load. A caller waits a bounded time and gets 503 +
/// Retry-After while the shared load goes on; a load that never finishes frees the slot for a later try.
/// </summary>
public sealed class FirstLoadStallTests
{
    [Fact]
    public async Task Predict_StoreSlowerThanTheFirstLoadWait_Answers503AndTheSharedLoadGoesOn()
    {
        var store = Store();
        store.Delay = TimeSpan.FromSeconds(1);
        using var host = Host(store, firstLoadWaitSeconds: "0.2", loadTimeoutSeconds: "30");

        var waiting = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        await WaitUntilAsync(() => host.Registry.State("heart").Loaded);
        var loaded = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, waiting.Status);
        Assert.Equal("StillLoading", waiting.Json.GetProperty("reason").GetString());
        Assert.Equal("5", waiting.Headers.RetryAfter.ToString());
        Assert.Equal(200, loaded.Status);
        Assert.Equal(1, store.ManifestReads);
        Assert.Equal(1, store.Downloads);
    }

    [Fact]
    public async Task Predict_StoreThatNeverAnswers_GivesUpTheLoadAndTheNextCallLoadsAgain()
    {
        var store = Store();
        store.Delay = TimeSpan.FromMinutes(10);
        using var host = Host(store, firstLoadWaitSeconds: "0.2", loadTimeoutSeconds: "1");

        var stalled = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        await WaitUntilAsync(() => !host.Registry.State("heart").Loading);
        store.Delay = TimeSpan.Zero;
        var recovered = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, stalled.Status);
        Assert.Equal(200, recovered.Status);
        Assert.Equal("StillLoading", stalled.Json.GetProperty("reason").GetString());
        Assert.Equal(2, store.ManifestReads);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private static TestModelStore Store()
    {
        var store = new TestModelStore();
        store.Publish([.. DiseaseCatalog.Keys.Select(key => TestModels.For(key))]);
        return store;
    }

    private static TestPredictionHost Host(TestModelStore store, string firstLoadWaitSeconds, string loadTimeoutSeconds) =>
        new(store, settings: new()
        {
            ["ModelStorage:FirstLoadWaitSeconds"] = firstLoadWaitSeconds,
            ["ModelStorage:LoadTimeoutSeconds"] = loadTimeoutSeconds,
        });
}
