using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using Microsoft.ML;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// A learner with its preprocessing, as an ML.NET pipeline from the disease's raw fields to a raw
/// <c>Score</c>. Everything the pipeline learns (imputation means, scaling) is learned from the rows it
/// is fitted on, so inside cross-validation it sees only the fold's training rows.
/// </summary>
internal sealed record Candidate(string Name, string Algorithm, string HyperParameters, Func<MLContext, DiseaseDefinition, IEstimator<ITransformer>> Pipeline)
{
    /// <summary>
    /// Settings to choose among on the training rows alone (by the Brier score of their inner out-of-fold
    /// predictions); empty when the candidate has a single setting.
    /// </summary>
    public IReadOnlyList<Candidate> Grid { get; init; } = [];

    /// <summary>Whether the candidate means anything for a disease (a log transform needs skewed fields).</summary>
    public Func<DiseaseDefinition, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>
    /// True when the model's log-odds are a sum of one function per input (a logistic regression on per-input
    /// transforms): the app can then compute exact Shapley values from one row per input.
    /// </summary>
    public bool Additive { get; init; }

    /// <summary>
    /// True when the model follows the disease's direction table by construction (every directed input's weight has
    /// the expected sign or is zero, on monotone transforms): only such a candidate may be served.
    /// </summary>
    public bool FollowsDirections { get; init; }

    /// <summary>The settings cross-validation chooses among: the grid, or the candidate itself.</summary>
    public IReadOnlyList<Candidate> Settings => Grid.Count > 0 ? Grid : [this];
}
