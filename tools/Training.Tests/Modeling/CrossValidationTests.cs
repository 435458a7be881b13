using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class CrossValidationTests
{
    [Fact]
    public void Run_EachFoldsImputer_LearnsItsMeanFromThatFoldsTrainingRowsOnly()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var insulin = table.Schema.Fields.ToList().FindIndex(f => f.Name == "insulin");
        var imputed = new List<(float Imputed, double TrainMean)>();
        var cv = new CrossValidation(folds: 5, innerFolds: 2, seed: 42)
        {
            FoldFitted = (_, trainRows, model) => imputed.Add((ImputedInsulin(model, table), Mean(table, trainRows, insulin))),
        };

        cv.Run(table, Candidates.LogisticRegression(1));

        var allRowsMean = Mean(table, Enumerable.Range(0, table.Count).ToArray(), insulin);
        Assert.Equal(5, imputed.Count);
        Assert.All(imputed, fold => Assert.Equal(fold.TrainMean, fold.Imputed, 0.01));
        Assert.All(imputed, fold => Assert.NotEqual(allRowsMean, fold.Imputed, 0.01));
    }

    [Fact]
    public void Run_SameDataAndSeed_SameOutOfFoldPredictions()
    {
        var table = TrainingSources.Lung(rows: 300).Table;
        var cv = new CrossValidation(folds: 5, innerFolds: 3, seed: 42);

        var first = cv.Run(table, Candidates.FastTree(20, 4, 0.1, 5));
        var second = cv.Run(table, Candidates.FastTree(20, 4, 0.1, 5));

        Assert.Equal(first.Probabilities, second.Probabilities, (a, b) => Math.Abs(a - b) <= 1e-6);
        Assert.Equal(first.FoldAucs, second.FoldAucs);
    }

    private static float ImputedInsulin(ITransformer model, PatientTable table)
    {
        var missing = table.Rows.First(r => float.IsNaN(r[4]));
        var single = table with { Rows = [missing], Labels = [false] };
        return model.Transform(new TableDataView(single)).GetColumn<float>("insulin").Single();
    }

    private static double Mean(PatientTable table, int[] rows, int column) =>
        rows.Select(i => table.Rows[i][column]).Where(v => !float.IsNaN(v)).Average(v => (double)v);
}
