using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Models;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>The interval arithmetic on a small hand-made description: z = (1, t − c or 0, 1 when missing), σ(η ± Z·√(zᵀΣz)).</summary>
public sealed class RiskIntervalsTests
{
    // Two terms, the second may be missing: z = (1, t₁ − 10, t₂ − 2, missing₂).
    private static IntervalInfo Info(double[][]? covariance = null, double z = 1.959963984540054) => new(
        0.95,
        z,
        "Terms.output",
        ["a", "b"],
        [10, 2],
        ["b"],
        covariance ?? [[0.04, 0, 0, 0], [0, 0.01, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.09]],
        200,
        new IntervalCoverage(100, 12345, 0.95),
        "test");

    [Fact]
    public void Of_PatientAtTheCentres_OnlyTheInterceptsVariance()
    {
        var intervals = RiskIntervals.From(Info(), out var problem)!;

        var interval = intervals.Of(Sigmoid(0.5), 0.5, [10f, 2f]);

        Assert.Null(problem);
        Assert.Equal(0.95, interval.Level);
        Assert.Equal(Math.Floor(Sigmoid(0.5 - (1.959963984540054 * 0.2)) * 1e4) / 1e4, interval.Lower);
        Assert.Equal(Math.Ceiling(Sigmoid(0.5 + (1.959963984540054 * 0.2)) * 1e4) / 1e4, interval.Upper);
        Assert.Equal(interval.Lower * 100, interval.LowerPercentage, 1e-9);
        Assert.Equal(interval.Upper * 100, interval.UpperPercentage, 1e-9);
    }

    [Fact]
    public void Of_TermsAwayFromTheirCentres_AddTheirVarianceTimesTheSquaredDistance()
    {
        var intervals = RiskIntervals.From(Info(), out _)!;

        var interval = intervals.Of(Sigmoid(-1), -1, [13f, 0f]);

        // zᵀΣz = 0.04 + 3²·0.01 + (−2)²·0.25 = 1.13.
        var half = 1.959963984540054 * Math.Sqrt(1.13);
        Assert.Equal(Math.Floor(Sigmoid(-1 - half) * 1e4) / 1e4, interval.Lower);
        Assert.Equal(Math.Ceiling(Sigmoid(-1 + half) * 1e4) / 1e4, interval.Upper);
    }

    [Fact]
    public void Of_AMissingTerm_UsesItsOwnCoefficientNotItsDistanceFromTheCentre()
    {
        var intervals = RiskIntervals.From(Info(), out _)!;

        var interval = intervals.Of(Sigmoid(0), 0, [10f, float.NaN]);

        // zᵀΣz = 0.04 + 0.09 (the missing indicator's variance).
        var half = 1.959963984540054 * Math.Sqrt(0.13);
        Assert.Equal(Math.Floor(Sigmoid(-half) * 1e4) / 1e4, interval.Lower);
        Assert.Equal(Math.Ceiling(Sigmoid(half) * 1e4) / 1e4, interval.Upper);
    }

    [Fact]
    public void Of_CorrelatedCoefficients_UseTheCrossTerms()
    {
        double[][] covariance = [[0.04, 0.01, 0, 0], [0.01, 0.01, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.09]];
        var intervals = RiskIntervals.From(Info(covariance), out _)!;

        var interval = intervals.Of(Sigmoid(0), 0, [12f, 2f]);

        // zᵀΣz = 0.04 + 2·2·0.01 + 2²·0.01 = 0.12.
        var half = 1.959963984540054 * Math.Sqrt(0.12);
        Assert.Equal(Math.Ceiling(Sigmoid(half) * 1e4) / 1e4, interval.Upper);
    }

    [Theory]
    [InlineData(0.123456, -1.96)]
    [InlineData(0.5, 0)]
    [InlineData(0.99999, 11.5)]
    public void Of_NoUncertainty_StillContainsTheEstimateRoundedOutwards(double probability, double logOdds)
    {
        var zero = Enumerable.Range(0, 4).Select(_ => new double[4]).ToArray();
        var intervals = RiskIntervals.From(Info(zero), out _)!;

        var interval = intervals.Of(probability, logOdds, [10f, 2f]);

        Assert.True(interval.Lower <= probability && probability <= interval.Upper, $"{interval.Lower} ≤ {probability} ≤ {interval.Upper}");
        Assert.True(interval.LowerPercentage <= Math.Round(probability * 100, 2) && Math.Round(probability * 100, 2) <= interval.UpperPercentage);
        Assert.True(interval.Upper - interval.Lower <= 2e-4 + 1e-12);
    }

    [Theory]
    [InlineData("covariance")]
    [InlineData("centres")]
    [InlineData("missing")]
    [InlineData("infinite")]
    [InlineData("level")]
    public void From_DescriptionThatDoesNotHoldTogether_RefusedWithTheProblem(string defect)
    {
        var good = Info();
        var bad = defect switch
        {
            "covariance" => good with { Covariance = [[0.04, 0, 0], [0, 0.01, 0], [0, 0, 0.25]] },
            "centres" => good with { Centers = [10] },
            "missing" => good with { Missing = ["c"] },
            "infinite" => good with { Covariance = [[double.PositiveInfinity, 0, 0, 0], [0, 0.01, 0, 0], [0, 0, 0.25, 0], [0, 0, 0, 0.09]] },
            _ => good with { Level = 1.5 },
        };

        var intervals = RiskIntervals.From(bad, out var problem);

        Assert.Null(intervals);
        Assert.StartsWith("the interval", problem);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
