using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Explanations;

internal static class ExplanationsExtensions
{
    public static IServiceCollection AddExplanations(this IServiceCollection services)
    {
        services.AddSingleton<Explainer>();
        services.AddSingleton<WhatIfService>();
        return services;
    }

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
