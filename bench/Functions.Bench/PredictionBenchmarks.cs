using BenchmarkDotNet.Attributes;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using System.Text;

namespace HealthOracle.Bench;

/// <summary>A warm instance: JSON body in, response object out, in process (no HTTP, no serialization).</summary>
[MemoryDiagnoser]
public class PredictionBenchmarks
{
    /// <summary>The heart definition's example patient.</summary>
    private static readonly string Patient = System.Text.Json.JsonSerializer.Serialize(HealthOracle.Diseases.Definitions.Heart.Definition.Example);

    private readonly byte[] _one = Encoding.UTF8.GetBytes(Patient);
    private readonly byte[] _batch = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat(Patient, 1000)) + "]");
    private readonly float[] _columns = [63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3f, 3, 0, 6];
    private BenchHost _host = null!;
    private ModelRegistry _registry = null!;
    private PredictionEndpoint _service = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchHost.StartAsync();
        _registry = _host.NewRegistry();
        _service = BenchHost.NewService(_registry);
        (await _registry.AcquireAsync("heart", CancellationToken.None)).Dispose();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _registry.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark(Description = "one patient: JSON body -> response object")]
    public async Task<object> OnePatient() => await _service.HandleAsync("heart", BenchHost.Post(_one), CancellationToken.None);

    [Benchmark(Description = "ONNX run only, one patient (part of the above)")]
    public float ScoreOnly()
    {
        using var lease = _registry.AcquireAsync("heart", CancellationToken.None).AsTask().Result;
        Span<float> probability = stackalloc float[1];
        lease.Model.Score(_columns, 1, probability);
        return probability[0];
    }

    [Benchmark(Description = "batch of 1,000: JSON body -> response objects")]
    public async Task<object> Batch1000() => await _service.HandleAsync("heart", BenchHost.Post(_batch), CancellationToken.None);
}
