using HealthOracle.Functions.Health;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Health;

public sealed class HealthReporterTests
{
    [Fact]
    public async Task Report_AfterOneDiseaseLoaded_ShowsItAndTheOthersNotLoaded()
    {
        var store = new TestModelStore();
        var model = TestModels.For("heart", version: "7.0");
        store.Publish(model, TestModels.For("lung"));
        using var host = new TestPredictionHost(store);
        await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        var report = host.Services.GetRequiredService<HealthReporter>().Report();

        Assert.Equal("ok", report.Status);
        Assert.Equal(["diabetes", "heart", "kidney", "liver", "lung"], report.Models.Keys.Order());
        var heart = report.Models["heart"];
        Assert.True(heart.Loaded);
        Assert.Equal("7.0", heart.Version);
        Assert.Equal(model.Entry.Sha256, heart.Sha256);
        Assert.NotNull(heart.LoadedAtUtc);
        Assert.True(heart.LoadMilliseconds >= 0);
        Assert.False(report.Models["lung"].Loaded);
        Assert.Null(report.Models["lung"].Version);
    }
}
