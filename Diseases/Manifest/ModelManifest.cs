using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthOracle.Diseases.Manifest;

/// <summary>
/// <c>models/manifest.json</c>: which model version is served for each disease. The training tool
/// writes it and uploads it last; the app reads it before downloading a model.
/// </summary>
public sealed record ModelManifest(int SchemaVersion, IReadOnlyDictionary<string, ModelEntry> Models)
{
    public const int CurrentSchemaVersion = 1;
    public const string BlobName = "manifest.json";
}

/// <summary>One disease's served model.</summary>
/// <param name="Disease">The disease's key, as in the route (see DiseaseCatalog).</param>
/// <param name="Name">The model's name, for example <c>heart-risk</c>.</param>
/// <param name="Version">The served version; also a folder name under the disease.</param>
/// <param name="BlobPath">The model's blob path in the container, e.g. <c>heart/2026.11.26/model.onnx</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the ONNX file.</param>
/// <param name="Size">The ONNX file's size in bytes.</param>
/// <param name="Inputs">The graph's input names, in the disease schema's field order.</param>
/// <param name="Output">The graph's output that holds the calibrated probability of disease.</param>
/// <param name="Algorithm">The chosen learner and its calibration, in words.</param>
/// <param name="Synthetic">True when the model was trained on synthetic data.</param>
/// <param name="Notice">A notice every prediction from this model must carry, or null.</param>
/// <param name="TrainingData">The data the model was trained on.</param>
/// <param name="Metrics">Cross-validated metrics of the chosen model.</param>
/// <param name="CreatedUtc">When the model was trained.</param>
public sealed record ModelEntry(
    string Disease,
    string Name,
    string Version,
    string BlobPath,
    string Sha256,
    long Size,
    IReadOnlyList<string> Inputs,
    string Output,
    string Algorithm,
    bool Synthetic,
    string? Notice,
    TrainingDataInfo TrainingData,
    ModelMetrics Metrics,
    DateTimeOffset CreatedUtc)
{
    /// <summary>
    /// What explanations of this model are measured from, and how the app may compute them; null in manifests
    /// written before explanations existed (the app then answers without factors).
    /// </summary>
    public ExplanationInfo? Explanation { get; init; }

    /// <summary>Who the model learned from and what its percentage is relative to.</summary>
    public required PopulationInfo Population { get; init; }
}

/// <summary>
/// The reference patient contributions are measured from, written at training time so that serving and
/// training agree, and what the graph offers for computing them.
/// </summary>
/// <param name="Reference">The reference patient's value of every input, in input order: the training rows' median of a number, the most common code of a coded field.</param>
/// <param name="ReferenceProbability">The served model's probability for the reference patient, as the training tool scored it.</param>
/// <param name="LogOddsOutput">A second graph output holding the log-odds of <see cref="ModelEntry.Output"/> (the input of its final sigmoid), or null.</param>
/// <param name="Additive">
/// True when the model's log-odds are a sum of one function per input (a logistic regression on per-input transforms):
/// the app may then compute exact Shapley values from one row per input instead of one per coalition.
/// </param>
public sealed record ExplanationInfo(IReadOnlyList<double> Reference, double ReferenceProbability, string? LogOddsOutput, bool Additive);

/// <summary>The served model's population: the training sample's prevalence, and the one its percentages refer to.</summary>
/// <param name="Description">The people in the training data.</param>
/// <param name="SamplePrevalence">The share of training rows with the disease.</param>
/// <param name="Prevalence">The prevalence the percentages refer to: the sample's, or the population's the intercept was corrected to.</param>
/// <param name="PrevalenceSource">Where <paramref name="Prevalence"/> comes from.</param>
/// <param name="PriorShift">The log-odds added to every prediction to move it from the sample's prevalence to <paramref name="Prevalence"/> (0 when not corrected).</param>
/// <param name="RelativeTo">What the percentage is relative to, in one sentence.</param>
public sealed record PopulationInfo(string Description, double SamplePrevalence, double Prevalence, string? PrevalenceSource, double PriorShift, string RelativeTo);

/// <summary>The training data: its file, SHA-256, rows, source and licence.</summary>
public sealed record TrainingDataInfo(string File, string Sha256, int Rows, string Source, string Licence);

/// <summary>Pooled out-of-fold metrics from stratified k-fold cross-validation.</summary>
public sealed record ModelMetrics(
    int Folds,
    int Seed,
    double RocAuc,
    double RocAucFoldMean,
    double RocAucFoldSd,
    double Brier,
    double CalibrationSlope,
    double CalibrationIntercept,
    double SensitivityAt30,
    double SpecificityAt30,
    double SensitivityAt60,
    double SpecificityAt60);

/// <summary>Source-generated JSON for the manifest: camelCase, indented, as committed.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
public sealed partial class ModelManifestJsonContext : JsonSerializerContext;
