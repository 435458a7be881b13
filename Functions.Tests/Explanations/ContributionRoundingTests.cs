using CsCheck;
using HealthOracle.Functions.Explanations;

namespace HealthOracle.Functions.Tests.Explanations;

public sealed class ContributionRoundingTests
{
    [Fact]
    public void Round_AnyContributions_AddUpExactlyToTheRoundedTotalAndStayWithinAHundredthAndAHalf()
    {
        Gen.Double[-30, 30].Array[1, 13].Sample(points =>
        {
            // The published total is the difference of two figures rounded to 0.01, so it may differ from the exact sum by up to 0.01.
            var total = Math.Round(points.Sum() + 0.004, 2);

            var rounded = ContributionRounding.Round(points, total);

            Assert.Equal(total * 100, rounded.Sum() * 100, 1e-6);
            Assert.All(rounded, r => Assert.Equal(Math.Round(r, 2), r));
            Assert.All(points.Zip(rounded), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 0.015 + 1e-9));
        }, iter: 500);
    }

    [Fact]
    public void Round_ExactZeros_StayZeroWhenOthersCanTakeTheRemainder()
    {
        double[] points = [0.333333, 0, 0.333333, 0, 0.333334];

        var rounded = ContributionRounding.Round(points, 1.0);

        Assert.Equal([0.33, 0, 0.33, 0, 0.34], rounded);
    }
}
