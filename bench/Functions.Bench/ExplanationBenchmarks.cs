using HealthOracle.Diseases;
using BenchmarkDotNet.Attributes;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using System.Text;

namespace HealthOracle.Bench;

/// <summary>
/// One patient with its factors and what-if answers, per disease (8 to 13 inputs), against the same request with
/// <c>?explain=false</c>: JSON body in, response object out, in process.
/// </summary>
[MemoryDiagnoser]
public class ExplanationBenchmarks
{
    /// <summary>Each disease's example patient (its definition's), as a JSON body.</summary>
    public static readonly IReadOnlyDictionary<string, string> Patients =
        DiseaseCatalog.All.ToDictionary(d => d.Key, d => System.Text.Json.JsonSerializer.Serialize(d.Example));

    public static IEnumerable<string> Diseases => DiseaseCatalog.Keys;

    private byte[] _body = [];
    private BenchHost _host = null!;
    private ModelRegistry _registry = null!;
    private PredictionEndpoint _service = null!;

    [ParamsSource(nameof(Diseases))]
    public string Disease { get; set; } = "heart";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _body = Encoding.UTF8.GetBytes(Patients[Disease]);
        _host = await BenchHost.StartAsync();
        _registry = _host.NewRegistry();
        _service = BenchHost.NewService(_registry);
        (await _registry.AcquireAsync(Disease, CancellationToken.None)).Dispose();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _registry.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark(Description = "one patient with factors and what-if")]
    public async Task<object> Explained() => await _service.HandleAsync(Disease, BenchHost.Post(_body), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "one patient, explain=false")]
    public async Task<object> NotExplained() => await _service.HandleAsync(Disease, BenchHost.Post(_body, "?explain=false"), CancellationToken.None);
}

/// <summary>A batch of 1,000 heart patients (13 inputs) with and without their explanations.</summary>
[MemoryDiagnoser]
public class ExplanationBatchBenchmarks
{
    private readonly byte[] _batch = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 1000).Select(Patient)) + "]");
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

    [Benchmark(Description = "batch of 1,000 with factors and what-if")]
    public async Task<object> Explained() => await _service.HandleAsync("heart", BenchHost.Post(_batch), CancellationToken.None);

    [Benchmark(Baseline = true, Description = "batch of 1,000, explain=false")]
    public async Task<object> NotExplained() => await _service.HandleAsync("heart", BenchHost.Post(_batch, "?explain=false"), CancellationToken.None);

    // 1,000 different patients (a batch of one patient repeated would flatter nothing here, but real batches vary).
    private static string Patient(int i) => PatientJson(i, (i % 3) switch { 0 => 3, 1 => 6, _ => 7 });

    private static string PatientJson(int i, int thal) =>
        $"{{\"age\":{40 + (i % 37)},\"sex\":{i % 2},\"cp\":{1 + (i % 4)},\"trestbps\":{110 + (i % 60)},\"chol\":{180 + (i % 150)},\"fbs\":{i % 3 / 2}," +
        $"\"restecg\":{i % 3},\"thalach\":{120 + (i % 70)},\"exang\":{i % 2},\"oldpeak\":{i % 40 / 10.0:0.0},\"slope\":{1 + (i % 3)},\"ca\":{i % 4},\"thal\":{thal}}}";
}

/// <summary>
/// How the cost grows with the number of inputs that differ from the reference patient (m): the exact Shapley
/// values of an additive model from its m terms (2ᵐ sigmoids and additions), and from 2ᵐ coalition values
/// already scored (the generic path's arithmetic, without the 2ᵐ ONNX rows it needs first).
/// </summary>
public class ShapleyScalingBenchmarks
{
    private double[] _terms = [];
    private double[] _coalitions = [];
    private double[] _scratch = [];
    private double[] _phi = [];

    [Params(4, 8, 10, 11, 13, 16)]
    public int Inputs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _terms = [.. Enumerable.Range(0, Inputs).Select(_ => random.NextDouble() - 0.5)];
        _coalitions = new double[1 << Inputs];
        _scratch = new double[1 << Inputs];
        _phi = new double[Inputs];
    }

    [Benchmark(Description = "additive model: Shapley values from m terms")]
    public double[] FromTerms()
    {
        ShapleyValues.FromLogOdds(-1, _terms, _phi, _scratch);
        return _phi;
    }

    [Benchmark(Description = "any model: Shapley values from 2^m scored coalitions")]
    public double[] FromCoalitions()
    {
        for (var t = 0; t < _coalitions.Length; t++)
        {
            _coalitions[t] = t * 1e-6;
        }

        ShapleyValues.FromCoalitions(_coalitions, _phi);
        return _phi;
    }
}

/// <summary>
/// The explainer alone on the served heart model for one patient (13 inputs, 10 differing from the reference):
/// the additive path (one ONNX row per differing input) against the generic path (all 2¹⁰ coalitions scored).
/// </summary>
[MemoryDiagnoser]
public class ExplainerPathBenchmarks
{
    private readonly Explainer _explainer = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<Explainer>.Instance);
    private readonly HealthOracle.Diseases.DiseaseDefinition _heart = HealthOracle.Diseases.DiseaseCatalog.Get("heart");
    private LoadedModel _additive = null!;
    private LoadedModel _generic = null!;
    private HealthOracle.Functions.Predictions.Requests.PatientBatch _patient = null!;
    private float[] _probability = [];

    [GlobalSetup]
    public void Setup()
    {
        var manifest = System.Text.Json.JsonSerializer.Deserialize(
            File.ReadAllBytes(Path.Combine(HealthOracle.Functions.Tests.TestSupport.RepositoryPaths.Models, "manifest.json")),
            HealthOracle.Diseases.Manifest.ModelManifestJsonContext.Default.ModelManifest)!;
        var entry = manifest.Models["heart"];
        var bytes = File.ReadAllBytes(Path.Combine(HealthOracle.Functions.Tests.TestSupport.RepositoryPaths.Models, entry.BlobPath));
        _additive = new LoadedModel(entry, new Microsoft.ML.OnnxRuntime.InferenceSession(bytes), [.. entry.Inputs], DateTimeOffset.UnixEpoch, 0);
        var generic = entry with { Explanation = entry.Explanation! with { Additive = false } };
        _generic = new LoadedModel(generic, new Microsoft.ML.OnnxRuntime.InferenceSession(bytes), [.. entry.Inputs], DateTimeOffset.UnixEpoch, 0);
        _patient = new([63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6], 1, 13, isArray: false);
        _probability = new float[1];
        _additive.Score(_patient.ToColumns(), 1, _probability);
    }

    [Benchmark(Baseline = true, Description = "explainer, additive path (heart, m = 10)")]
    public object Additive() => _explainer.Explain(_heart, _additive, _patient.Values, 1, _probability);

    [Benchmark(Description = "explainer, every coalition scored (heart, m = 10)")]
    public object Generic() => _explainer.Explain(_heart, _generic, _patient.Values, 1, _probability);
}
