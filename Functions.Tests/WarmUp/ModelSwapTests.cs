using HealthOracle.Functions.Health;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;

namespace HealthOracle.Functions.Tests.WarmUp;

/// <summary>Zero-downtime model updates against a real Azurite, with callers predicting throughout.</summary>
public sealed class ModelSwapTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Refresh_NewVersionUnderLoad_SwapsWithZeroFailedRequestsAndRefusesACorruptOne()
    {
        var (store, _, container) = await Models.ModelRegistryTests.PublishAsync(azurite.Server, TestModels.For("heart", version: "v1"));
        using var host = new TestPredictionHost(store);
        var first = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        using var load = new CallerLoad(host, callers: 50);
        await load.WaitForVersionAsync("v1");

        await TestModels.PublishAsync(container, TestModels.For("heart", version: "v2", bias: 0.5f));
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var afterSwap = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        await load.WaitForVersionAsync("v2");
        var corrupt = RandomNumberGenerator.GetBytes(4096);
        await TestModels.PublishAsync(container, (TestModels.Entry("heart", "v3", corrupt), corrupt));
        var refused = await host.Refresher.RefreshAsync(CancellationToken.None);
        var afterRefusal = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        var (ok, failed, versions) = await load.StopAsync();

        Assert.Equal("v1", first.Json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal("v2", afterSwap.Json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(0, failed);
        Assert.True(ok > 0);
        Assert.Contains("v1", versions);
        Assert.Contains("v2", versions);
        Assert.DoesNotContain("v3", versions);
        Assert.Equal("refused", refused.Models.Single(m => m.Disease == "heart").Action);
        Assert.Equal("v2", afterRefusal.Json.GetProperty("model").GetProperty("version").GetString());
        var health = host.Services.GetRequiredService<HealthReporter>().Report().Models["heart"];
        Assert.Equal(("v2", "v3"), (health.Version, health.Refused!.Version));
        output.WriteLine($"{ok} predictions across the swap, {failed} failed");
    }

    [Fact]
    public async Task Refresh_200SwapsUnderLoad_DisposesEveryRetiredSessionAndKeepsMemoryFlat()
    {
        var (store, _, container) = await Models.ModelRegistryTests.PublishAsync(azurite.Server, TestModels.For("diabetes", version: "s0"));
        using var host = new TestPredictionHost(store, captureLogs: false);
        await host.Refresher.RefreshAsync(CancellationToken.None);
        var retired = new List<LoadedModel>();
        using var load = new CallerLoad(host, callers: 4, disease: "diabetes");
        var before = (Managed: 0L, WorkingSet: 0L);

        for (var i = 1; i <= 220; i++)
        {
            if (i == 21)
            {
                // Measure after 20 swaps: JIT, pools and caches have settled; what grows after this is a leak.
                before = Memory();
            }

            retired.Add(await host.Registry.CurrentAsync("diabetes"));
            await TestModels.PublishAsync(container, TestModels.For("diabetes", version: $"s{i}", bias: i % 7 / 10f));
            var summary = await host.Refresher.RefreshAsync(CancellationToken.None);
            Assert.Equal("swapped", summary.Models.Single(m => m.Disease == "diabetes").Action);
        }

        var (ok, failed, _) = await load.StopAsync();
        var after = Memory();

        Assert.Equal(0, failed);
        Assert.All(retired, m => Assert.True(m.IsDisposed));
        Assert.False((await host.Registry.CurrentAsync("diabetes")).IsDisposed);
        output.WriteLine($"220 swaps (measured over the last 200), {ok} predictions, {failed} failed; managed heap {before.Managed / 1048576.0:F1} -> {after.Managed / 1048576.0:F1} MB; working set {before.WorkingSet / 1048576.0:F1} -> {after.WorkingSet / 1048576.0:F1} MB");
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>Callers that predict in a loop and count answers by status and model version.</summary>
    private sealed class CallerLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _callers;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _versions = new();
        private int _ok;
        private int _failed;

        public CallerLoad(TestPredictionHost host, int callers, string disease = "heart")
        {
            _callers = [.. Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var response = await host.PostJsonAsync(disease, TestPatients.Json(disease));
                    if (response.Status == 200)
                    {
                        Interlocked.Increment(ref _ok);
                        _versions.AddOrUpdate(response.Json.GetProperty("model").GetProperty("version").GetString()!, 1, (_, n) => n + 1);
                    }
                    else
                    {
                        Interlocked.Increment(ref _failed);
                    }
                }
            }))];
        }

        public async Task WaitForVersionAsync(string version)
        {
            while (!_versions.ContainsKey(version))
            {
                await Task.Delay(10);
            }
        }

        public async Task<(int Ok, int Failed, IReadOnlyCollection<string> Versions)> StopAsync()
        {
            await Task.Delay(50);
            _stop.Cancel();
            await Task.WhenAll(_callers);
            return (_ok, _failed, _versions.Keys.ToArray());
        }

        public void Dispose() => _stop.Dispose();
    }
}
