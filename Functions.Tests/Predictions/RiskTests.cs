using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Tests.Predictions;

public sealed class RiskTests
{
    [Theory]
    [InlineData(0.2999, 29.99, RiskCategory.Low)]
    [InlineData(0.29995, 30.0, RiskCategory.Moderate)]
    [InlineData(0.30, 30.0, RiskCategory.Moderate)]
    [InlineData(0.60, 60.0, RiskCategory.Moderate)]
    [InlineData(0.600049, 60.0, RiskCategory.Moderate)]
    [InlineData(0.6001, 60.01, RiskCategory.High)]
    [InlineData(0.0, 0.0, RiskCategory.Low)]
    [InlineData(1.0, 100.0, RiskCategory.High)]
    public void Categorize_RoundedPercentage_FollowsTheOriginalBands(double probability, double percentage, RiskCategory category)
    {
        var rounded = Risk.Percentage(probability);

        var actual = Risk.Categorize(rounded);

        Assert.Equal(percentage, rounded, 10);
        Assert.Equal(category, actual);
    }
}
