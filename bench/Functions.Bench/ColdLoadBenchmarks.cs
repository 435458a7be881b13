using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace HealthOracle.Bench;

/// <summary>
/// A cold instance's first call for a disease against Azurite: manifest read, model download, SHA-256,
/// session creation and input/output verification. Each operation starts from a new registry.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 30)]
public class ColdLoadBenchmarks
{
    private BenchHost _host = null!;

    [GlobalSetup]
    public async Task SetupAsync() => _host = await BenchHost.StartAsync();

    [GlobalCleanup]
    public Task CleanupAsync() => _host.DisposeAsync().AsTask();

    [Benchmark(Description = "cold first load: manifest + download + verify + session")]
    public async Task FirstLoad()
    {
        using var registry = _host.NewRegistry();
        (await registry.AcquireAsync("heart", CancellationToken.None)).Dispose();
    }
}
