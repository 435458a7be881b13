using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// A signed-in person's saved predictions, as the assistant needs them: the context of one (read on the server,
/// never taken from the client) and a place to keep the suggestions made for it. People implements it.
/// </summary>
internal interface ISavedPredictions
{
    /// <summary>The saved prediction as the assistant's context, or null when the person has none with this id.</summary>
    Task<PredictionContext?> FindAsync(Caller caller, string predictionId, CancellationToken cancellationToken);

    /// <summary>Keeps suggestions with the saved prediction; the note says whether they were kept, and why not.</summary>
    Task<HistoryNote> SaveSuggestionsAsync(Caller caller, string predictionId, IReadOnlyList<string> suggestions, CancellationToken cancellationToken);
}
