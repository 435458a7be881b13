namespace HealthOracle.Functions.Predictions;

/// <summary>The batch operation's answer: one result per patient, in the order sent (Google AIP-233: a batch has its own method and wrapped answer).</summary>
internal sealed record BatchPredictionResponse(PredictionResult[] Results);
