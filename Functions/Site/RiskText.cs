using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>
/// Risks and differences as a person reads them: whole percentages and whole percentage points, never more
/// precise than the model, and never a percentage that contradicts its category (29.6 % is Low, so it is
/// "just under 30%", not "30%"). The API keeps its precision; every page, the summary for a doctor and the
/// chart say it this way.
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
            _ => whole.ToString("0", CultureInfo.InvariantCulture) + "%",
        };
    }

    /// <summary>A percentage without a category of its own (a baseline, a what-if): in the category its value falls in.</summary>
    public static string Percent(double riskPercentage) => Percent(riskPercentage, Risk.Categorize(riskPercentage));

    /// <summary>A size in percentage points: "6 percentage points", "1 percentage point", "less than 1 percentage point".</summary>
    public static string Points(double points)
    {
        var size = Math.Abs(points);
        var whole = Math.Round(size, MidpointRounding.AwayFromZero);
        return whole switch
        {
            0 when size > 0 => "less than 1 percentage point",
            1 => "1 percentage point",
            _ => whole.ToString("0", CultureInfo.InvariantCulture) + " percentage points",
        };
    }

    /// <summary>A change from one estimate to another: "5 percentage points lower", "no change".</summary>
    public static string Change(double difference) => Math.Round(difference, 2) switch
    {
        0 => "no change",
        > 0 => Points(difference) + " higher",
        _ => Points(difference) + " lower",
    };

    /// <summary>
    /// What the percentage is relative to: the answer's own sentence (the served model's manifest knows whether the
    /// percentage was corrected to a population's prevalence), else the people the model learned from; then who they were.
    /// </summary>
    public static string RelativeTo(DiseaseDefinition disease, string? relativeTo) => disease.Synthetic
        ? "This model learned from synthetic data, not from people: the percentage says nothing about a real person."
        : (relativeTo ?? $"Among people with values like these in the data the model learned from, about this share had {char.ToLowerInvariant(disease.DisplayName[0])}{disease.DisplayName[1..]}.") +
        $" The model learned from: {disease.Population.Description}";
}
