namespace HealthOracle.Diseases;

/// <summary>The original app's bands: Low &lt; 30 ≤ Moderate ≤ 60 &lt; High, on the rounded percentage.</summary>
public enum RiskCategory
{
    Low,
    Moderate,
    High,
}
