using HealthOracle.Diseases;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// One input's contribution to a patient's estimate: how many percentage points it moves the estimate from the
/// reference patient's (the baseline), the input's exact Shapley value in this model.
/// </summary>
/// <param name="Field">The field's wire name.</param>
/// <param name="Label">The field as people read it.</param>
/// <param name="Value">The patient's value, or null when it was not given (the model then used the training average).</param>
/// <param name="Reference">The reference patient's value.</param>
/// <param name="Contribution">Percentage points, rounded to 0.01 so that all of them add up to riskPercentage − baseline exactly.</param>
/// <param name="Direction"><c>raises</c>, <c>lowers</c> or <c>none</c>: the sign of <paramref name="Contribution"/>.</param>
internal sealed record Factor(string Field, string Label, double? Value, double Reference, double Contribution, string Direction)
{
    /// <summary>What this factor means when the model's association goes against what a person would expect (the definition's <c>FactorNote</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}

/// <summary>What the model says if one changeable input were at the nearest edge of its healthy range, the others held.</summary>
/// <param name="Field">The field's wire name.</param>
/// <param name="Label">The field as people read it.</param>
/// <param name="Value">The patient's value.</param>
/// <param name="Target">The nearest healthy value.</param>
/// <param name="RiskPercentage">The estimate with the input at <paramref name="Target"/>.</param>
/// <param name="Category">That estimate's category.</param>
/// <param name="Difference">Percentage points from the patient's estimate (negative: lower).</param>
internal sealed record WhatIfResult(string Field, string Label, double Value, double Target, double RiskPercentage, RiskCategory Category, double Difference);

/// <summary>One patient's explanation: the baseline and factors (null when the model has no reference patient) and the what-if answers.</summary>
internal sealed record PatientExplanation(double? Baseline, IReadOnlyList<Factor>? Factors, IReadOnlyList<WhatIfResult> WhatIf);
