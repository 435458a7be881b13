using HealthOracle.Training.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HealthOracle.Training.Modeling;

/// <summary>Fits a candidate's pipeline on raw tables and reads its scores and probabilities.</summary>
internal static class Trainer
{
    public const string ScoreColumn = "Score";
    public const string ProbabilityColumn = "Probability";

    /// <summary>A fresh, seeded context per fit, so a result never depends on what ran before it.</summary>
    public static ITransformer Fit(PatientTable table, Candidate candidate, int seed)
    {
        var ml = new MLContext(seed);
        return candidate.Pipeline(ml, table.Disease).Fit(new TableDataView(table));
    }

    /// <summary>The fitted pipeline followed by the Platt scaling: fields in, calibrated probability out.</summary>
    public static ITransformer Calibrate(ITransformer model, PlattScaling platt, PatientTable table, int seed)
    {
        var ml = new MLContext(seed);
        var scored = model.Transform(new TableDataView(table));
        var calibrator = ml.BinaryClassification.Calibrators.Platt(platt.A, platt.B, ScoreColumn).Fit(scored);
        return model.Append(calibrator);
    }

    /// <summary>The transformers of nested chains (a fitted pipeline with its calibrator appended), in order.</summary>
    public static IEnumerable<ITransformer> Steps(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Steps) : [model];

    /// <summary>The inputs the model takes ln(x + 1) of, in order.</summary>
    public static IReadOnlyList<string> LogTransformedInputs(ITransformer model) =>
        [.. Steps(model).OfType<TermsTransformer>().SelectMany(t => t.Shape.Logged)];

    /// <summary>The model's terms step (every candidate's first).</summary>
    public static TermsTransformer Terms(ITransformer model) => Steps(model).OfType<TermsTransformer>().First();

    public static double[] Scores(ITransformer model, PatientTable table) =>
        Column(model, table, ScoreColumn);

    public static double[] Probabilities(ITransformer model, PatientTable table) =>
        Column(model, table, ProbabilityColumn);

    private static double[] Column(ITransformer model, PatientTable table, string column) =>
        model.Transform(new TableDataView(table, withLabel: false)).GetColumn<float>(column).Select(v => (double)v).ToArray();
}
