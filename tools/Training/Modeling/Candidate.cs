using HealthOracle.Functions.Predictions.Schema;
using Microsoft.ML;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// A learner with its preprocessing, as an ML.NET pipeline from the schema's raw fields to a raw
/// <c>Score</c>. Everything the pipeline learns (imputation means, scaling) is learned from the rows it
/// is fitted on, so inside cross-validation it sees only the fold's training rows.
/// </summary>
internal sealed record Candidate(string Name, string Algorithm, string HyperParameters, Func<MLContext, DiseaseSchema, IEstimator<ITransformer>> Pipeline);
