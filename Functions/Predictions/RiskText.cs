using HealthOracle.Diseases;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The risk as a person reads it: a whole percentage, never more precise than the model, and never one that
/// contradicts the category (29.6 % is Low, so it is "just under 30%", not "30%"). site/js/risk-text.js says
/// the same in the browser.
/// </summary>
internal static class RiskText
{
    public static string Percent(double riskPercentage, RiskCategory category)
    {
        var whole = Math.Round(riskPercentage, MidpointRounding.AwayFromZero);
        return whole switch
        {
            _ when riskPercentage < 1 => "less than 1%",
            _ when riskPercentage > 99 => "more than 99%",
            >= 30 when category == RiskCategory.Low => "just under 30%",
            <= 60 when category == RiskCategory.High => "just over 60%",
            _ => $"{whole:0}%",
        };
    }

    /// <summary>What the percentage is relative to: the people the model learned from.</summary>
    /// <summary>
    /// The answer's own sentence (the served model's manifest knows whether the percentage was corrected to a
    /// population's prevalence), else the people the model learned from; then who they were.
    /// </summary>
    public static string RelativeTo(DiseaseDefinition disease, string? relativeTo) => disease.Synthetic
        ? "This model learned from synthetic data, not from people: the percentage says nothing about a real person."
        : (relativeTo ?? $"Among people with values like these in the data the model learned from, about this share had {char.ToLowerInvariant(disease.DisplayName[0])}{disease.DisplayName[1..]}.") +
        $" The model learned from: {disease.Population.Description}";
}
