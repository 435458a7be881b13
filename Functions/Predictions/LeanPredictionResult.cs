using System.Text.Json.Serialization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// One patient's answer from api-version 2026-12-07: every number and key of <see cref="PredictionResult"/>, without
/// the texts that are the same in every answer of a disease (advice by category, the disclaimer, the population's
/// sentences, the factors' and what-if's notes, field labels, the notice). Those are in the disease's description,
/// <c>GET /predict/{disease}</c>, which <see cref="Texts"/> names; the saved history and the pages keep the whole answer.
/// </summary>
internal sealed record LeanPredictionResult(
    string Disease,
    double Probability,
    double RiskPercentage,
    RiskCategory Category,
    IReadOnlyDictionary<string, double?> Inputs,
    LeanModel Model,
    string Texts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HistoryNote? History = null)
{
    /// <inheritdoc cref="PredictionResult.NotMeasured"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? NotMeasured { get; init; }

    /// <inheritdoc cref="PredictionResult.Interval"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RiskInterval? Interval { get; init; }

    /// <inheritdoc cref="PredictionResult.Warnings"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PredictionWarning>? Warnings { get; init; }

    /// <inheritdoc cref="PredictionResult.Baseline"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Baseline { get; init; }

    /// <summary>Every input's contribution in percentage points, largest first (the description's <c>texts.factors</c> says what they are; a field's <c>factorNote</c> when it has one).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LeanFactor>? Factors { get; init; }

    /// <summary>For each changeable input away from its healthy target: the estimate with it at the target (<c>texts.whatIf</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LeanWhatIf>? WhatIf { get; init; }

    /// <summary>The healthy comparison (<c>texts.healthy</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LeanHealthy? Healthy { get; init; }

    /// <summary>The whole answer without its texts; <paramref name="texts"/> is the description's path.</summary>
    public static LeanPredictionResult Of(PredictionResult result, string texts) => new(
        result.Disease, result.Probability, result.RiskPercentage, result.Category, result.Inputs,
        new LeanModel(result.Model.Name, result.Model.Version, result.Model.Sha256, result.Model.Synthetic)
        {
            Population = result.Model.Population is { } p ? new LeanPopulation(p.Prevalence, p.SamplePrevalence, p.Corrected) : null,
        },
        texts, result.History)
    {
        NotMeasured = result.NotMeasured,
        Interval = result.Interval,
        Warnings = result.Warnings,
        Baseline = result.Baseline,
        Factors = result.Factors?.Select(f => new LeanFactor(f.Field, f.Value, f.Reference, f.Contribution, f.Direction)).ToArray(),
        WhatIf = result.WhatIf?.Select(w => new LeanWhatIf(w.Field, w.Value, w.Target, w.RiskPercentage, w.Category, w.Difference)).ToArray(),
        Healthy = result.Healthy is { } h
            ? new LeanHealthy(h.RiskPercentage, h.Category, [.. h.Changed.Select(c => new LeanChange(c.Field, c.Value, c.Target))]) { Interval = h.Interval }
            : null,
    };
}

/// <summary>The model that answered. <c>synthetic</c>: trained on synthetic data (the description's <c>notice</c> says what that means for a reader).</summary>
internal sealed record LeanModel(string Name, string Version, string Sha256, bool Synthetic)
{
    /// <summary>How common the outcome is where the percentage applies (the description's <c>population</c> says who and why).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LeanPopulation? Population { get; init; }
}

/// <summary>The prevalence the percentage is relative to, the training sample's, and whether the model was corrected from one to the other.</summary>
internal sealed record LeanPopulation(double? Prevalence, double? SamplePrevalence, bool Corrected);

internal sealed record LeanFactor(string Field, double? Value, double Reference, double Contribution, string Direction);

internal sealed record LeanWhatIf(string Field, double Value, double Target, double RiskPercentage, RiskCategory Category, double Difference);

internal sealed record LeanHealthy(double RiskPercentage, RiskCategory Category, IReadOnlyList<LeanChange> Changed)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RiskInterval? Interval { get; init; }
}

internal sealed record LeanChange(string Field, double Value, double Target);

/// <summary>POST /predict/{disease}/batch from api-version 2026-12-07.</summary>
internal sealed record LeanBatchResponse(LeanPredictionResult[] Results);
