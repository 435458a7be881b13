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
    string Disclaimer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HistoryNote? History = null)
{
    /// <summary>
    /// The fields the model treated as not measured (imputed): omitted, blank, or a 0 where 0 means "not
    /// measured" (<c>zeroMeansNotMeasured</c> in the schema). Left out when every field was measured.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NotMeasured { get; init; }

    /// <summary>The estimate's 95% interval, from the model's estimation uncertainty (Functions/Models/RiskIntervals); left out for a model trained before intervals.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Models.RiskInterval? Interval { get; init; }

    /// <summary>Values in range but unusual together (the schema's <c>plausibility</c>): worth a second look. Left out when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PredictionWarning>? Warnings { get; init; }

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

    /// <summary>"A healthy person like you": the estimate with every changeable input at its healthy target, the rest as sent (left out with <c>explain=false</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Healthy.HealthyComparison? Healthy { get; init; }
}

/// <summary>
/// On a signed-in caller's prediction (and suggestions): whether it was saved to their history, its id
/// and time, or why not. Absent for anonymous callers, whose predictions are never stored.
/// </summary>
internal sealed record HistoryNote(
    bool Saved,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? SavedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);

/// <summary>A soft check that spoke: the field to look at again, why, and the value it suggests when there is one.</summary>
internal sealed record PredictionWarning(
    string Field,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Suggestion);

/// <summary>The model that answered: name, version, SHA-256, and its notice when it is synthetic.</summary>
internal sealed record ModelInfo(string Name, string Version, string Sha256, bool Synthetic, string? Notice)
{
    /// <summary>Who the model learned from and what the percentage is relative to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PopulationSummary? Population { get; init; }
}

/// <summary>GET /api/predict/{disease}: the input schema.</summary>
internal sealed record SchemaResponse(string Disease, string DisplayName, string Summary, IReadOnlyList<SchemaField> Fields, bool Synthetic, string? Notice)
{
    /// <summary>The disease in a word or two ("Heart"), for navigation.</summary>
    public string ShortName { get; init; } = DisplayName;

    /// <summary>What a person needs before the form can be filled in (tests, examinations), or null.</summary>
    public string? Requires { get; init; }

    /// <summary>Who the model learned from, and how common the disease is where the percentage applies.</summary>
    public SchemaPopulation? Population { get; init; }

    /// <summary>Soft checks: values in range but unusual together; shown, never refused.</summary>
    public IReadOnlyList<SchemaPlausibility> Plausibility { get; init; } = [];

    /// <summary>The texts every answer of this disease shares, which answers from api-version 2026-12-07 leave out.</summary>
    public SchemaTexts? Texts { get; init; }
}

/// <summary>
/// What a prediction of this disease says in words whatever the patient: the advice for each category, the disclaimer,
/// and what the factors, the what-ifs and the healthy comparison are. (Field labels and factor notes are the fields'.)
/// </summary>
internal sealed record SchemaTexts(
    IReadOnlyDictionary<RiskCategory, IReadOnlyList<string>> Advice, string Disclaimer, string Factors, string WhatIf, string Healthy);

internal sealed record SchemaField(
    string Name, string Label, string Type, string? Unit, double Min, double Max, bool Required, string Description, IReadOnlyList<SchemaCode>? Codes)
{
    /// <summary>Other units labs print the value in: value in <c>unit</c> = value in this unit × <c>toFieldUnit</c> (exact).</summary>
    public IReadOnlyList<SchemaUnit> AlternativeUnits { get; init; } = [];

    /// <summary>True when 0 means "not measured" (the original form's convention): a 0 is read as an omitted value.</summary>
    public bool ZeroMeansNotMeasured { get; init; }

    /// <summary>True when a person can change this input (what-if answers and the site's sliders are for these).</summary>
    public bool Changeable { get; init; }

    /// <summary>The healthy range of a changeable input, with its source.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SchemaTarget? Target { get; init; }

    /// <summary>How the risk is clinically expected to move as the input rises, with its source.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SchemaDirection? Expected { get; init; }

    /// <summary>What this input's factor means when the model's association goes against what a person would expect (a factor's <c>note</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FactorNote { get; init; }
}

internal sealed record SchemaUnit(string Unit, double ToFieldUnit, string Basis);

internal sealed record SchemaPopulation(string Description, double? Prevalence, string? PrevalenceSource)
{
    /// <summary>What the percentage is relative to, in one sentence (an answer's <c>model.population.relativeTo</c>).</summary>
    public string? RelativeTo { get; init; }
}

/// <summary>One soft check: when every condition holds, <c>message</c> is shown beside <c>field</c>; <c>suggestFactor</c> × the value is "did you mean".</summary>
internal sealed record SchemaPlausibility(string Field, IReadOnlyList<SchemaCondition> When, string Message, double? SuggestFactor);

/// <summary><c>field</c> is <c>atLeast</c> (or <c>below</c>) <c>value</c>, times the value of <c>timesField</c> when that is set.</summary>
internal sealed record SchemaCondition(string Field, string Comparison, double Value, string? TimesField);

internal sealed record SchemaTarget(double Low, double High, string Source);

internal sealed record SchemaDirection(string Direction, string Source);

internal sealed record SchemaCode(int Value, string Label);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PredictionResult))]
[JsonSerializable(typeof(PredictionResult[]))]
[JsonSerializable(typeof(SchemaResponse))]
[JsonSerializable(typeof(BatchPredictionResponse))]
[JsonSerializable(typeof(DiseaseList))]
[JsonSerializable(typeof(LeanPredictionResult))]
[JsonSerializable(typeof(LeanBatchResponse))]
internal sealed partial class PredictionJsonContext : JsonSerializerContext;
