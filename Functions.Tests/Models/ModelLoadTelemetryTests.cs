using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Infrastructure.Telemetry;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.Models;

[Collection(TelemetryCollection.Name)]
public sealed class ModelLoadTelemetryTests
{
    [Theory]
    [InlineData(nameof(ModelUnavailableReason.NotConfigured), "failed")]
    [InlineData(nameof(ModelUnavailableReason.StorageUnreachable), "failed")]
    [InlineData(nameof(ModelUnavailableReason.ManifestMissing), "failed")]
    [InlineData(nameof(ModelUnavailableReason.ManifestInvalid), "refused")]
    [InlineData(nameof(ModelUnavailableReason.NotInManifest), "refused")]
    [InlineData(nameof(ModelUnavailableReason.BlobMissing), "refused")]
    [InlineData(nameof(ModelUnavailableReason.HashMismatch), "refused")]
    [InlineData(nameof(ModelUnavailableReason.InputsMismatch), "refused")]
    [InlineData(nameof(ModelUnavailableReason.OutputMismatch), "refused")]
    [InlineData(nameof(ModelUnavailableReason.Corrupt), "refused")]
    public void OutcomeOf_Reason_IsFailedOnlyWhenNothingCouldBeJudged(string reason, string outcome) =>
        Assert.Equal(outcome, ModelLoadTelemetry.OutcomeOf(Enum.Parse<ModelUnavailableReason>(reason)));

    [Fact]
    public async Task FirstLoad_StorageUnreachable_RecordsFailedWithItsReason()
    {
        using var capture = new TelemetryCapture();
        var store = new TestModelStore { Failure = () => new ModelUnavailableException("liver", ModelUnavailableReason.StorageUnreachable, "down") };
        using var host = new TestPredictionHost(store);

        var response = await host.PostJsonAsync("liver", TestPatients.Json("liver"));

        Assert.Equal(503, response.Status);
        var point = Assert.Single(capture.Points("healthoracle.model.load.duration"));
        Assert.Equal(("liver", "failed", "StorageUnreachable"), (point["disease"], point["outcome"], point["reason"]));
        Assert.Empty(capture.Points("healthoracle.predictions"));
    }

    [Fact]
    public async Task SwapIn_TamperedCandidate_RecordsRefusedAndNoSwap()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart", version: "1.0.0"));
        using var host = new TestPredictionHost(store);
        await host.Registry.CurrentAsync("heart");
        var (entry, _) = TestModels.For("heart", version: "2.0.0", bias: 1f);
        var (_, otherBytes) = TestModels.For("heart", version: "2.0.0", bias: 2f);
        store.Publish((entry, otherBytes));
        using var capture = new TelemetryCapture();

        await Assert.ThrowsAsync<ModelUnavailableException>(() => host.Registry.SwapInAsync("heart", entry, CancellationToken.None));

        var point = Assert.Single(capture.Points("healthoracle.model.load.duration"));
        Assert.Equal(("heart", "refused", "HashMismatch"), (point["disease"], point["outcome"], point["reason"]));
        Assert.Empty(capture.Points("healthoracle.model.swaps"));
        Assert.Equal("HashMismatch", Assert.Single(capture.Spans(), s => s.DisplayName == "model.load heart").StatusDescription);
    }

    [Fact]
    public async Task SwapIn_NewVersion_RecordsLoadedAndOneSwap()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("kidney", version: "1.0.0"));
        using var host = new TestPredictionHost(store);
        await host.Registry.CurrentAsync("kidney");
        var candidate = TestModels.For("kidney", version: "2.0.0", bias: 1f);
        store.Publish(candidate);
        using var capture = new TelemetryCapture();

        await host.Registry.SwapInAsync("kidney", candidate.Entry, CancellationToken.None);

        var load = Assert.Single(capture.Points("healthoracle.model.load.duration"));
        Assert.Equal(("kidney", "loaded"), (load["disease"], load["outcome"]));
        var swaps = Assert.Single(capture.Points("healthoracle.model.swaps"));
        Assert.Equal(("kidney", 1.0), (swaps["disease"], swaps.Value));
    }
}
