using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HealthOracle.Training.Tests.Modeling;

public sealed class CrossValidationTests
{
    [Fact]
    public void Run_EachFoldsImputer_LearnsItsMeanFromThatFoldsTrainingRowsOnly()
    {
        var table = TrainingSources.Load("diabetes", TestData.Datasets).Table;
        var insulin = table.Disease.Fields.ToList().FindIndex(f => f.Name == "insulin");
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

    [Fact]
    public void Run_CandidateWithGrid_EachFoldFitsTheSettingItsTrainingRowsChose()
    {
        var table = TrainingSources.Load("heart", TestData.Datasets).Table;
        var stump = Candidates.FastTree(trees: 1, leaves: 2, learningRate: 0.01, minLeaf: 100);
        var logistic = Candidates.LogisticRegression(1);
        var grid = Candidates.LogisticRegression(1) with { Name = "tuned", Grid = [stump, logistic] };
        var fitted = new List<ITransformer>();
        var cv = new CrossValidation(folds: 5, innerFolds: 2, seed: 42) { FoldFitted = (_, _, model) => fitted.Add(model) };

        var result = cv.Run(table, grid);

        Assert.Same(grid, result.Candidate);
        Assert.Equal(5, result.FoldSettings.Count);
        Assert.All(result.FoldSettings, s => Assert.Same(logistic, s));
        // Only the logistic pipeline standardises its features.
        Assert.All(fitted, m => Assert.Contains(Trainer.Steps(m), t => t is NormalizingTransformer));
        Assert.InRange(result.Auc, 0.85, 0.95);
    }

    [Fact]
    public void Choose_CandidateWithoutGrid_ItselfWithItsOutOfFoldScoresAndCalibration()
    {
        var table = TrainingSources.Lung(rows: 300).Table;
        var cv = new CrossValidation(folds: 5, innerFolds: 3, seed: 42);
        var candidate = Candidates.LogisticRegression(1);

        var choice = cv.Choose(table, candidate, 5);

        Assert.Same(candidate, choice.Setting);
        Assert.Equal(cv.OutOfFoldScores(table, candidate, 5), choice.Scores);
        Assert.Equal(PlattScaling.Fit(choice.Scores, table.Labels), choice.Platt);
    }

    private static float ImputedInsulin(ITransformer model, PatientTable table)
    {
        var missing = table.Rows.First(r => float.IsNaN(r[4]));
        var single = table with { Rows = [missing], Labels = [false] };
        return model.Transform(new TableDataView(single)).GetColumn<float>("insulin").Single();
    }

    // The population-weighted mean the terms impute: for Pima (no prior shift) each class's mean weighted by the rows' own prevalence.
    private static double Mean(PatientTable table, int[] rows, int column)
    {
        var prevalence = rows.Count(i => table.Labels[i]) / (double)rows.Length;
        double ClassMean(bool sick) => rows.Where(i => table.Labels[i] == sick).Select(i => table.Rows[i][column]).Where(v => !float.IsNaN(v)).Average(v => (double)v);
        return (prevalence * ClassMean(true)) + ((1 - prevalence) * ClassMean(false));
    }
}
