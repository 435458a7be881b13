namespace HealthOracle.Diseases;

/// <summary>The original app's bands: Low &lt; 30 ≤ Moderate ≤ 60 &lt; High, on the rounded percentage.</summary>
public static class Risk
{
    /// <summary>The probability as a percentage rounded to 2 decimals: the figure the category is read from.</summary>
    public static double Percentage(double probability) => Math.Round(probability * 100, 2, MidpointRounding.AwayFromZero);

    public static RiskCategory Categorize(double riskPercentage) => riskPercentage switch
    {
        < 30 => RiskCategory.Low,
        <= 60 => RiskCategory.Moderate,
        _ => RiskCategory.High,
    };
}
