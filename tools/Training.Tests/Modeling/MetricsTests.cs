using HealthOracle.Training.Modeling;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class MetricsTests
{
    [Fact]
    public void RocAuc_KnownRanking_MannWhitneyWithTiesAsHalf()
    {
        double[] p = [0.1, 0.4, 0.35, 0.8, 0.4];
        bool[] y = [false, false, true, true, true];

        var auc = Metrics.RocAuc(p, y);

        // Positive–negative pairs: (0.35 vs 0.1, 0.4) = 1 + 0; (0.8) = 2; (0.4) = 1 + 0.5.
        Assert.Equal(4.5 / 6, auc, 12);
    }

    [Fact]
    public void Brier_KnownValues_MeanSquaredError()
    {
        var brier = Metrics.Brier([0.9, 0.2], [true, true]);

        Assert.Equal((0.01 + 0.64) / 2, brier, 12);
    }

    [Fact]
    public void Calibration_OutcomesDrawnFromTheProbabilities_SlopeNearOneInterceptNearZero()
    {
        var random = new Random(3);
        var p = Enumerable.Range(0, 20000).Select(_ => random.NextDouble() * 0.98 + 0.01).ToArray();
        var y = p.Select(v => random.NextDouble() < v).ToArray();

        var (slope, intercept) = Metrics.Calibration(p, y);

        Assert.InRange(slope, 0.95, 1.05);
        Assert.InRange(intercept, -0.05, 0.05);
    }

    [Fact]
    public void At_Threshold_SensitivityAndSpecificity()
    {
        var (sensitivity, specificity) = Metrics.At([0.2, 0.3, 0.7, 0.1], [true, true, false, false], v => v >= 0.3);

        Assert.Equal(0.5, sensitivity);
        Assert.Equal(0.5, specificity);
    }

    [Fact]
    public void PlattFit_ScoresFromAKnownSigmoid_RecoversSlopeAndOffset()
    {
        var random = new Random(5);
        var scores = Enumerable.Range(0, 20000).Select(_ => random.NextDouble() * 8 - 4).ToArray();
        var labels = scores.Select(s => random.NextDouble() < 1 / (1 + Math.Exp(-1.5 * s + 0.5))).ToArray();

        var platt = PlattScaling.Fit(scores, labels);

        Assert.Equal(-1.5, platt.A, 1);
        Assert.Equal(0.5, platt.B, 1);
    }

    [Fact]
    public void StratifiedFolds_Assign_EveryFoldHasItsShareOfEachClassAndTheSeedFixesIt()
    {
        var labels = Enumerable.Range(0, 303).Select(i => i % 7 < 3).ToArray();

        var folds = StratifiedFolds.Assign(labels, 10, 42);

        var positives = Enumerable.Range(0, 10).Select(k => Enumerable.Range(0, 303).Count(i => folds[i] == k && labels[i])).ToArray();
        Assert.True(positives.Max() - positives.Min() <= 1);
        Assert.Equal(folds, StratifiedFolds.Assign(labels, 10, 42));
        Assert.NotEqual(folds, StratifiedFolds.Assign(labels, 10, 43));
    }
}
