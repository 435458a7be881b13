using HealthOracle.Functions.Predictions.Schema;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace HealthOracle.Training.Modeling;

/// <summary>The learners every disease's cross-validation compares.</summary>
internal static class Candidates
{
    public const string Features = "Features";

    public static IReadOnlyList<Candidate> All { get; } =
    [
        LogisticRegression(l2: 1),
        FastTree(trees: 100, leaves: 4, learningRate: 0.05, minLeaf: 10),
    ];

    public static Candidate LogisticRegression(float l2) => new(
        $"logistic-l2-{l2:0.##}",
        "L2-regularised logistic regression (L-BFGS), mean imputation, standardisation",
        $"L2 = {l2:0.##}, L1 = 0, optimisation tolerance 1e-7",
        (ml, schema) => Prepare(ml, schema)
            .Append(ml.Transforms.NormalizeMeanVariance(Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = l2,
                L1Regularization = 0,
                OptimizationTolerance = 1e-7f,
                NumberOfThreads = 1,
            })));

    public static Candidate FastForest(int trees, int minLeaf) => new(
        $"fastforest-{trees}",
        "Random forest (ML.NET FastForest), mean imputation",
        $"{trees} trees, at least {minLeaf} rows per leaf",
        (ml, schema) => Prepare(ml, schema)
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
        (ml, schema) => Prepare(ml, schema)
            .Append(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = trees,
                NumberOfLeaves = leaves,
                LearningRate = learningRate,
                MinimumExampleCountPerLeaf = minLeaf,
                NumberOfThreads = 1,
                Seed = 1,
            })));

    private static IEstimator<ITransformer> Prepare(MLContext ml, DiseaseSchema schema)
    {
        var names = schema.InputNames.ToArray();
        return ml.Transforms.ReplaceMissingValues(
                names.Select(n => new InputOutputColumnPair(n)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(ml.Transforms.Concatenate(Features, names));
    }
}
