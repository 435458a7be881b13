using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// A feature that reacts to answered predictions (People keeps a signed-in person's in their history). Predictions
/// does not know who listens: an observer is registered by its own feature, and its note goes on the answers.
/// </summary>
internal interface IPredictionObserver
{
    /// <summary>Told of one request's answers before they are returned; answers a note for them, or null for none.</summary>
    ValueTask<HistoryNote?> OnAnsweredAsync(AnsweredPredictions answered, CancellationToken cancellationToken);
}

/// <summary>
/// One request's answers: who asked (null: anonymous), what they asked for, whether it was a batch, and the unit each lab
/// value was typed in where a form named one other than the field's own (by field name; null when none did).
/// </summary>
internal sealed record AnsweredPredictions(
    Caller? Caller, PredictionOptions Options, bool IsBatch, IReadOnlyList<PredictionResult> Results, IReadOnlyDictionary<string, string>? TypedUnits = null);
