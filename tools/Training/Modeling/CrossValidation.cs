using HealthOracle.Training.Data;
using Microsoft.ML;

namespace HealthOracle.Training.Modeling;

/// <summary>One candidate's out-of-fold predictions, per-fold ROC AUCs and the setting each fold chose.</summary>
internal sealed record CrossValidationResult(Candidate Candidate, double[] Probabilities, double[] Scores, double[] FoldAucs, IReadOnlyList<bool> Labels, IReadOnlyList<Candidate> FoldSettings)
{
    public double Auc => Metrics.RocAuc(Probabilities, Labels);

    public double Brier => Metrics.Brier(Probabilities, Labels);
}

/// <summary>A candidate's setting chosen on some rows, with those rows' out-of-fold scores and the calibration fitted on them.</summary>
internal sealed record SettingChoice(Candidate Setting, double[] Scores, PlattScaling Platt);

/// <summary>
/// Stratified k-fold cross-validation with calibration (and, for a candidate with a grid, the choice of its
/// setting) learned inside each fold: a fold's model, its setting and its Platt scaling (fitted on inner
/// out-of-fold scores of the fold's training rows) never see the fold's test rows.
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
        var settings = new Candidate[folds];
        for (var k = 0; k < folds; k++)
        {
            var trainRows = StratifiedFolds.Rows(assignment, f => f != k);
            var testRows = StratifiedFolds.Rows(assignment, f => f == k);
            var train = table.Subset(trainRows);
            var choice = Choose(train, candidate, innerFolds);
            var model = Trainer.Fit(train, choice.Setting, seed);
            FoldFitted?.Invoke(k, trainRows, model);
            settings[k] = choice.Setting;

            var testScores = Trainer.Scores(model, table.Subset(testRows));
            for (var i = 0; i < testRows.Length; i++)
            {
                scores[testRows[i]] = testScores[i];
                probabilities[testRows[i]] = choice.Platt.Apply(testScores[i]);
            }

            foldAucs[k] = Metrics.RocAuc(testRows.Select(i => probabilities[i]).ToArray(), testRows.Select(i => table.Labels[i]).ToArray());
            foldDone?.Invoke(k);
        }

        return new CrossValidationResult(candidate, probabilities, scores, foldAucs, table.Labels, settings);
    }

    /// <summary>
    /// The candidate's setting with the lowest Brier score of Platt-calibrated k-fold out-of-fold predictions
    /// on these rows (the first on a tie; the candidate itself when it has no grid).
    /// </summary>
    public SettingChoice Choose(PatientTable table, Candidate candidate, int k) =>
        candidate.Settings
            .Select(setting =>
            {
                var scores = OutOfFoldScores(table, setting, k);
                var platt = PlattScaling.Fit(scores, table.Labels);
                return (Choice: new SettingChoice(setting, scores, platt), Brier: Metrics.Brier(scores.Select(platt.Apply).ToArray(), table.Labels));
            })
            .MinBy(c => c.Brier)
            .Choice;

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
