using HealthOracle.Training.Data;
using Microsoft.ML;

namespace HealthOracle.Training.Modeling;

/// <summary>One candidate's out-of-fold predictions and per-fold ROC AUCs.</summary>
internal sealed record CrossValidationResult(Candidate Candidate, double[] Probabilities, double[] Scores, double[] FoldAucs, IReadOnlyList<bool> Labels)
{
    public double Auc => Metrics.RocAuc(Probabilities, Labels);

    public double Brier => Metrics.Brier(Probabilities, Labels);
}

/// <summary>
/// Stratified k-fold cross-validation with calibration learned inside each fold: a fold's model and
/// its Platt scaling (fitted on inner out-of-fold scores of the fold's training rows) never see the
/// fold's test rows.
/// </summary>
internal sealed class CrossValidation(int folds, int innerFolds, int seed)
{
    /// <summary>Called with each outer fold's training rows and fitted model (the leakage tests watch this).</summary>
    public Action<int, int[], ITransformer>? FoldFitted { get; init; }

    public CrossValidationResult Run(PatientTable table, Candidate candidate, Action<int>? foldDone = null)
    {
        var assignment = StratifiedFolds.Assign(table.Labels, folds, seed);
        var probabilities = new double[table.Count];
        var scores = new double[table.Count];
        var foldAucs = new double[folds];
        for (var k = 0; k < folds; k++)
        {
            var trainRows = StratifiedFolds.Rows(assignment, f => f != k);
            var testRows = StratifiedFolds.Rows(assignment, f => f == k);
            var train = table.Subset(trainRows);
            var model = Trainer.Fit(train, candidate, seed);
            FoldFitted?.Invoke(k, trainRows, model);

            var innerScores = OutOfFoldScores(train, candidate, innerFolds);
            var platt = PlattScaling.Fit(innerScores, train.Labels);
            var testScores = Trainer.Scores(model, table.Subset(testRows));
            for (var i = 0; i < testRows.Length; i++)
            {
                scores[testRows[i]] = testScores[i];
                probabilities[testRows[i]] = platt.Apply(testScores[i]);
            }

            foldAucs[k] = Metrics.RocAuc(testRows.Select(i => probabilities[i]).ToArray(), testRows.Select(i => table.Labels[i]).ToArray());
            foldDone?.Invoke(k);
        }

        return new CrossValidationResult(candidate, probabilities, scores, foldAucs, table.Labels);
    }

    /// <summary>Raw scores of every row from a model that did not see it.</summary>
    public double[] OutOfFoldScores(PatientTable table, Candidate candidate, int k)
    {
        var assignment = StratifiedFolds.Assign(table.Labels, k, seed);
        var scores = new double[table.Count];
        for (var fold = 0; fold < k; fold++)
        {
            var testRows = StratifiedFolds.Rows(assignment, f => f == fold);
            var model = Trainer.Fit(table.Subset(StratifiedFolds.Rows(assignment, f => f != fold)), candidate, seed);
            var testScores = Trainer.Scores(model, table.Subset(testRows));
            for (var i = 0; i < testRows.Length; i++)
            {
                scores[testRows[i]] = testScores[i];
            }
        }

        return scores;
    }
}
