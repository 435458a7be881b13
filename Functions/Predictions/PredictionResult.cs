using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Diseases;

namespace HealthOracle.Functions.Predictions;

/// <summary>One patient's answer.</summary>
internal sealed record PredictionResult(
    string Disease,
    double Probability,
    double RiskPercentage,
    RiskCategory Category,
    IReadOnlyList<string> Advice,
    IReadOnlyDictionary<string, double?> Inputs,
    ModelInfo Model,
    string Disclaimer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] People.HistoryNote? History = null);

/// <summary>The model that answered: name, version, SHA-256, and its notice when it is synthetic.</summary>
internal sealed record ModelInfo(string Name, string Version, string Sha256, bool Synthetic, string? Notice);

/// <summary>GET /api/predict/{disease}: the input schema.</summary>
internal sealed record SchemaResponse(string Disease, string DisplayName, string Summary, IReadOnlyList<SchemaField> Fields, bool Synthetic, string? Notice);

internal sealed record SchemaField(
    string Name, string Label, string Type, string? Unit, double Min, double Max, bool Required, string Description, IReadOnlyList<SchemaCode>? Codes);

internal sealed record SchemaCode(int Value, string Label);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PredictionResult))]
[JsonSerializable(typeof(PredictionResult[]))]
[JsonSerializable(typeof(SchemaResponse))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
