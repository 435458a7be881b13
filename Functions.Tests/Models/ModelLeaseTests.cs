using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.Models;

public sealed class ModelLeaseTests
{
    [Fact]
    public async Task Dispose_Twice_ReleasesOnce_SoAnotherRequestsLeaseKeepsTheSessionAlive()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart", version: "1"));
        using var host = new TestPredictionHost(store);
        var mine = await host.Registry.AcquireAsync("heart", CancellationToken.None);
        var other = await host.Registry.AcquireAsync("heart", CancellationToken.None);
        var model = mine.Model;

        mine.Dispose();
        mine.Dispose();
        store.Publish(TestModels.For("heart", version: "2"));
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var aliveWhileHeld = !model.IsDisposed;
        other.Dispose();

        Assert.True(aliveWhileHeld);
        Assert.True(model.IsDisposed);
        Assert.Equal("2", host.Registry.State("heart").Entry!.Version);
    }

    [Fact]
    public async Task SwapInAsync_EntryNamingAnotherDisease_IsRefusedAndTheServedModelStays()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart", version: "1"));
        using var host = new TestPredictionHost(store);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var (lungEntry, _) = TestModels.For("lung", version: "9");

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => host.Registry.SwapInAsync("heart", lungEntry, CancellationToken.None));

        Assert.Equal(("heart", ModelUnavailableReason.ManifestInvalid), (error.Disease, error.Reason));
        var state = host.Registry.State("heart");
        Assert.Equal("1", state.Entry!.Version);
        Assert.Equal("9", state.Refused!.Version);
    }
}
