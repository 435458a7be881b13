using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;

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
    string Disclaimer)
{
    /// <summary>The reference patient's estimate, in percent, that <see cref="Factors"/> are measured from (Functions/Explanations).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Baseline { get; init; }

    /// <summary>Every input's contribution in percentage points, largest first; they add up to RiskPercentage − Baseline.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Factor>? Factors { get; init; }

    /// <summary>What the factors are, in words.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FactorsNote { get; init; }

    /// <summary>For each changeable input away from its healthy target: the estimate with it at the target.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<WhatIfResult>? WhatIf { get; init; }

    /// <summary>What a what-if is, in words.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WhatIfNote { get; init; }
}

/// <summary>The model that answered: name, version, SHA-256, and its notice when it is synthetic.</summary>
internal sealed record ModelInfo(string Name, string Version, string Sha256, bool Synthetic, string? Notice)
{
    /// <summary>Who the model learned from and what the percentage is relative to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PopulationSummary? Population { get; init; }
}

/// <summary>GET /api/predict/{disease}: the input schema.</summary>
internal sealed record SchemaResponse(string Disease, string DisplayName, string Summary, IReadOnlyList<SchemaField> Fields, bool Synthetic, string? Notice);

internal sealed record SchemaField(
    string Name, string Label, string Type, string? Unit, double Min, double Max, bool Required, string Description, IReadOnlyList<SchemaCode>? Codes)
{
    /// <summary>True when a person can change this input (what-if answers and the site's sliders are for these).</summary>
    public bool Changeable { get; init; }

    /// <summary>The healthy range of a changeable input, with its source.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SchemaTarget? Target { get; init; }

    /// <summary>How the risk is clinically expected to move as the input rises, with its source.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SchemaDirection? Expected { get; init; }
}

internal sealed record SchemaTarget(double Low, double High, string Source);

internal sealed record SchemaDirection(string Direction, string Source);

internal sealed record SchemaCode(int Value, string Label);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PredictionResult))]
[JsonSerializable(typeof(PredictionResult[]))]
[JsonSerializable(typeof(SchemaResponse))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
