using HealthOracle.Functions.Explanations;

namespace HealthOracle.Functions.Predictions;

internal static class Explained
{
    /// <summary>The answer with its explanation's fields (none when the request asked for none).</summary>
    public static PredictionResult With(this PredictionResult result, PatientExplanation? explanation) => explanation is null
        ? result
        : result with
        {
            Baseline = explanation.Baseline,
            Factors = explanation.Factors,
            FactorsNote = explanation.Factors is null ? null : ExplanationTexts.Factors,
            WhatIf = explanation.WhatIf,
            WhatIfNote = ExplanationTexts.WhatIf,
        };
}
