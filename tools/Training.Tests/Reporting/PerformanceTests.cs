using HealthOracle.Training.Data;
using HealthOracle.Training.Reporting;

namespace HealthOracle.Training.Tests.Reporting;

public sealed class PerformanceTests
{
    [Fact]
    public void Of_NoisyPredictions_EachFigureInsideItsIntervalAndTheIntervalsNarrowWithMoreRows()
    {
        var (small, y) = Predictions(200, 1);
        var (large, yLarge) = Predictions(2000, 1);

        var few = Performance.Of(small, y, 42);
        var many = Performance.Of(large, yLarge, 42);

        foreach (var estimate in new[] { few.RocAuc, few.Brier, few.CalibrationSlope, few.CalibrationIntercept })
        {
            Assert.InRange(estimate.Value, estimate.Lower, estimate.Upper);
        }

        Assert.True(many.RocAuc.Upper - many.RocAuc.Lower < few.RocAuc.Upper - few.RocAuc.Lower);
        Assert.Equal(200, few.Rows);
        Assert.Equal(y.Count(v => v), few.Events);
    }

    [Fact]
    public void Of_SameSeed_SameIntervals()
    {
        var (p, y) = Predictions(300, 3);

        Assert.Equal(Performance.Of(p, y, 42), Performance.Of(p, y, 42));
    }

    [Fact]
    public void DecisionCurve_TreatAllIsPrevalenceLessTheOddsOfTheRestAndAPerfectModelGetsThePrevalence()
    {
        bool[] y = [true, false, false, false];
        double[] perfect = [0.9, 0.01, 0.01, 0.01];

        var curve = Performance.DecisionCurve(perfect, y);

        Assert.Equal(56, curve.Count);
        Assert.Equal(0.05, curve[0].Threshold, 1e-12);
        Assert.Equal(0.60, curve[^1].Threshold, 1e-12);
        Assert.All(curve, point =>
        {
            Assert.Equal(0.25, point.Model, 1e-12);
            Assert.Equal(0.25 - (0.75 * point.Threshold / (1 - point.Threshold)), point.TreatAll, 1e-12);
        });
    }

    [Fact]
    public void DecisionCurve_WeightedToAPopulation_TreatAllAndAPerfectModelUseItsPrevalence()
    {
        bool[] y = [true, true, true, false];
        double[] perfect = [0.9, 0.9, 0.9, 0.01];

        var curve = Performance.DecisionCurve(perfect, y, prevalence: 0.1);

        Assert.All(curve, point =>
        {
            Assert.Equal(0.1, point.Model, 1e-12);
            Assert.Equal(0.1 - (0.9 * point.Threshold / (1 - point.Threshold)), point.TreatAll, 1e-12);
        });
    }

    [Fact]
    public void Subgroups_Heart_BySexAndAgeBandWithFiguresWhereThereAreEnoughEvents()
    {
        var table = TrainingSources.Load("heart", TestData.Datasets).Table;
        var p = table.Labels.Select(l => l ? 0.7 : 0.3).ToArray();

        var groups = Performance.Subgroups(table, p, 42);

        Assert.Equal(["sex Female", "sex Male", "age under 50", "age 50–64", "age 65 and over"], groups.Select(g => $"{g.By} {g.Group}"));
        Assert.Equal(table.Count, groups.Where(g => g.By == "sex").Sum(g => g.Rows));
        Assert.Equal(table.Count, groups.Where(g => g.By == "age").Sum(g => g.Rows));
        Assert.All(groups.Where(g => g.Performance is not null), g => Assert.Equal(1, g.Performance!.RocAuc.Value));
    }

    [Fact]
    public void Subgroups_KidneyAndDiabetes_SayWhyThereAreNoFiguresBySex()
    {
        var kidney = TrainingSources.Load("kidney", TestData.Datasets).Table;
        var diabetes = TrainingSources.Load("diabetes", TestData.Datasets).Table;

        var bySexKidney = Performance.Subgroups(kidney, [.. kidney.Labels.Select(l => l ? 0.9 : 0.1)], 42).Single(g => g.By == "sex");
        var bySexDiabetes = Performance.Subgroups(diabetes, [.. diabetes.Labels.Select(l => l ? 0.9 : 0.1)], 42).Single(g => g.By == "sex");

        Assert.Null(bySexKidney.Performance);
        Assert.Contains("do not record sex", bySexKidney.Note);
        Assert.Contains("Pima", bySexDiabetes.Note);
    }

    private static (double[] P, bool[] Y) Predictions(int n, int seed)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        return (p, [.. p.Select(v => random.NextDouble() < v)]);
    }
}
