using System.Globalization;
using HealthOracle.Diseases;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace HealthOracle.Training.Modeling;

/// <summary>The learners every disease's cross-validation compares.</summary>
internal static class Candidates
{
    public const string Features = "Features";

    /// <summary>The L2 penalties <see cref="LogLogisticRegression"/> chooses among inside each fold.</summary>
    public static readonly float[] L2Grid = [0.01f, 0.1f, 1, 10];

    public static IReadOnlyList<Candidate> All { get; } =
    [
        LogisticRegression(l2: 1),
        LogLogisticRegression(L2Grid),
        FastTree(trees: 100, leaves: 4, learningRate: 0.05, minLeaf: 10),
        MonotoneLogisticRegression(l2: 1),
        MonotoneLogLogisticRegression(L2Grid),
    ];

    /// <summary>The candidates a disease's training plan names, in its order, that mean something for it.</summary>
    public static IReadOnlyList<Candidate> For(DiseaseDefinition disease) =>
    [
        .. disease.Training.Candidates
            .Select(name => All.FirstOrDefault(c => c.Name == name) ?? throw new InvalidOperationException($"{disease.Key}: no candidate named '{name}'."))
            .Where(c => c.AppliesTo(disease)),
    ];

    /// <summary>
    /// Positive laboratory values whose distributions are strongly right-skewed (they span orders of
    /// magnitude), declared in each disease's training plan rather than learned from the data.
    /// </summary>
    public static IReadOnlyList<string> SkewedFields(DiseaseDefinition disease) => disease.Training.SkewedFields;

    public static Candidate LogisticRegression(float l2) => new(
        $"logistic-l2-{l2:0.##}",
        "L2-regularised logistic regression (L-BFGS), mean imputation, standardisation",
        $"L2 = {l2:0.##}, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => Terms(disease, []).Append(Linear(ml, disease, Weighted(disease), l2)))
    {
        Additive = true,
    };

    /// <summary>
    /// Logistic regression whose weight on every input with a clinically expected direction has that direction's
    /// sign (or is zero): it follows the disease's direction table over every input's whole range by construction.
    /// </summary>
    public static Candidate MonotoneLogisticRegression(float l2) => new(
        $"logistic-monotone-l2-{l2:0.##}",
        "L2-regularised logistic regression (L-BFGS), mean imputation, standardisation, each weight held to its input's expected direction (sign-constrained by an active set)",
        $"L2 = {l2:0.##}, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => Terms(disease, []).Append(new MonotoneLogisticEstimator(ml, new TermShape(disease, []), l2)))
    {
        Additive = true,
        FollowsDirections = true,
    };

    /// <summary><see cref="MonotoneLogisticRegression(float)"/> on ln(x + 1) of the skewed fields, its L2 penalty chosen among <paramref name="grid"/> on each fold's training rows.</summary>
    public static Candidate MonotoneLogLogisticRegression(float[] grid) => new(
        "logistic-log-monotone",
        "L2-regularised logistic regression (L-BFGS), log transform of right-skewed laboratory values, mean imputation, standardisation, each weight held to its input's expected direction (sign-constrained by an active set)",
        $"L2 chosen from {{{string.Join(", ", grid.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))}}} by inner cross-validation on the training rows, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => throw new InvalidOperationException("Fit one of the grid's settings."))
    {
        Grid = [.. grid.Select(MonotoneLogLogisticRegression)],
        AppliesTo = disease => SkewedFields(disease).Count > 0,
        Additive = true,
        FollowsDirections = true,
    };

    public static Candidate MonotoneLogLogisticRegression(float l2) => new(
        $"logistic-log-monotone-l2-{l2:0.##}",
        "L2-regularised logistic regression (L-BFGS), log transform of right-skewed laboratory values, mean imputation, standardisation, each weight held to its input's expected direction (sign-constrained by an active set)",
        $"L2 = {l2:0.##}, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => Terms(disease, SkewedFields(disease)).Append(new MonotoneLogisticEstimator(ml, new TermShape(disease, SkewedFields(disease)), l2)))
    {
        Additive = true,
        FollowsDirections = true,
    };

    /// <summary>The terms of a disease's fields, each imputed with its population mean (the first step of every candidate).</summary>
    public static TermsEstimator Terms(DiseaseDefinition disease, IReadOnlyList<string> logged) => new(disease, logged);

    /// <summary>The fields whose terms a model may weight: all but the training plan's unweighted ones.</summary>
    public static string[] Weighted(DiseaseDefinition disease) => [.. new TermShape(disease, []).FeatureNames];

    /// <summary>Mean imputation of every field (a no-op after the terms), the named features standardised, and an L2 logistic regression on them.</summary>
    public static IEstimator<ITransformer> Linear(MLContext ml, DiseaseDefinition disease, string[] features, float l2) =>
        Prepare(ml, disease, features)
            .Append(ml.Transforms.NormalizeMeanVariance(Features))
            .Append(Lbfgs(ml, l2));

    /// <summary>
    /// Logistic regression on ln(x + 1) of the disease's <see cref="SkewedFields"/>, with the L2 penalty
    /// chosen among <paramref name="grid"/> on each fold's training rows.
    /// </summary>
    public static Candidate LogLogisticRegression(float[] grid) => new(
        "logistic-log",
        "L2-regularised logistic regression (L-BFGS), log transform of right-skewed laboratory values, mean imputation, standardisation",
        $"L2 chosen from {{{string.Join(", ", grid.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)))}}} by inner cross-validation on the training rows, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => throw new InvalidOperationException("Fit one of the grid's settings."))
    {
        Grid = [.. grid.Select(LogLogisticRegression)],
        AppliesTo = disease => SkewedFields(disease).Count > 0,
        Additive = true,
    };

    public static Candidate LogLogisticRegression(float l2) => new(
        $"logistic-log-l2-{l2:0.##}",
        "L2-regularised logistic regression (L-BFGS), log transform of right-skewed laboratory values, mean imputation, standardisation",
        $"L2 = {l2:0.##}, L1 = 0, optimisation tolerance 1e-7",
        (ml, disease) => Terms(disease, SkewedFields(disease)).Append(Linear(ml, disease, Weighted(disease), l2)))
    {
        Additive = true,
    };

    public static Candidate FastForest(int trees, int minLeaf) => new(
        $"fastforest-{trees}",
        "Random forest (ML.NET FastForest), mean imputation",
        $"{trees} trees, at least {minLeaf} rows per leaf",
        (ml, disease) => Terms(disease, []).Append(Prepare(ml, disease, Weighted(disease)))
            .Append(ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                NumberOfTrees = trees,
                MinimumExampleCountPerLeaf = minLeaf,
                NumberOfThreads = 1,
                Seed = 1,
            })));

    public static Candidate FastTree(int trees, int leaves, double learningRate, int minLeaf) => new(
        $"fasttree-{trees}x{leaves}",
        "Gradient-boosted trees (ML.NET FastTree), mean imputation",
        $"{trees} trees, {leaves} leaves, learning rate {learningRate}, at least {minLeaf} rows per leaf",
        (ml, disease) => Terms(disease, []).Append(Prepare(ml, disease, Weighted(disease)))
            .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = trees,
                NumberOfLeaves = leaves,
                LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf,
                NumberOfThreads = 1,
                Seed = 1,
            })));

    // Every field is imputed (so every field stays an input of the exported graph; the terms have none missing left); only the named ones become features.
    private static IEstimator<ITransformer> Prepare(MLContext ml, DiseaseDefinition disease, string[] features)
    {
        var names = disease.InputNames.ToArray();
        return ml.Transforms.ReplaceMissingValues(
                names.Select(n => new InputOutputColumnPair(n)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.Concatenate(Features, features));
    }

    private static LbfgsLogisticRegressionBinaryTrainer Lbfgs(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L2Regularization = l2,
            L1Regularization = 0,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = 1,
        });
}
