using BenchmarkDotNet.Attributes;
using HealthOracle.Functions.Models;

namespace HealthOracle.Bench;

/// <summary>
/// What an estimate's 95% interval adds (issue 31): the same ONNX run with the log-odds and terms outputs bound as well, and
/// the interval's arithmetic (RiskIntervals), against the plain run; one patient and a batch of 1,000, on heart (13 inputs,
/// 13 terms, the widest covariance: 16×16) and kidney (eGFR computed inside the graph).
/// </summary>
[MemoryDiagnoser]
public class IntervalBenchmarks
{
    private readonly Dictionary<string, float[]> _patients = new()
    {
        ["heart"] = [63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3f, 3, 0, 6],
        ["kidney"] = [55, float.NaN, 90, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, 1.0f, 14.5f, 1, 0],
    };

    private readonly Dictionary<string, float[]> _batches = [];
    private BenchHost _host = null!;
    private ModelRegistry _registry = null!;

    [Params("heart", "kidney")]
    public string Disease { get; set; } = "heart";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchHost.StartAsync();
        _registry = _host.NewRegistry();
        foreach (var (disease, patient) in _patients)
        {
            (await _registry.AcquireAsync(disease, CancellationToken.None)).Dispose();
            // Column-major: the values of input i for all 1,000 patients, then input i + 1.
            _batches[disease] = [.. patient.SelectMany(value => Enumerable.Repeat(value, 1000))];
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _registry.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one patient: ONNX run, probability only")]
    public float One()
    {
        using var lease = _registry.AcquireAsync(Disease, CancellationToken.None).AsTask().Result;
        Span<float> probability = stackalloc float[1];
        lease.Model.Score(_patients[Disease], 1, probability);
        return probability[0];
    }

    [Benchmark(Description = "one patient: the same run with its 95% interval")]
    public double OneWithInterval()
    {
        using var lease = _registry.AcquireAsync(Disease, CancellationToken.None).AsTask().Result;
        var probability = new float[1];
        var interval = new RiskInterval?[1];
        lease.Model.Score(_patients[Disease], 1, probability, interval);
        return interval[0]!.UpperPercentage;
    }

    [Benchmark(Description = "batch of 1,000: ONNX run, probabilities only")]
    public float Batch()
    {
        using var lease = _registry.AcquireAsync(Disease, CancellationToken.None).AsTask().Result;
        var probabilities = new float[1000];
        lease.Model.Score(_batches[Disease], 1000, probabilities);
        return probabilities[^1];
    }

    [Benchmark(Description = "batch of 1,000: the same run with their intervals")]
    public double BatchWithIntervals()
    {
        using var lease = _registry.AcquireAsync(Disease, CancellationToken.None).AsTask().Result;
        var probabilities = new float[1000];
        var intervals = new RiskInterval?[1000];
        lease.Model.Score(_batches[Disease], 1000, probabilities, intervals);
        return intervals[^1]!.UpperPercentage;
    }
}
