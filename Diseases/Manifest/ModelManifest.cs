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
    DateTimeOffset CreatedUtc);

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
