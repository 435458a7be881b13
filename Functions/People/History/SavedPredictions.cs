using System.Text.Json;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.History;

/// <summary>
/// The assistant asked about a saved prediction (<c>predictionId</c>): read from the caller's own history, never
/// taken from the client; suggestions made for it are kept with it. Chat asks for it through <see cref="ISavedPredictions"/>.
/// </summary>
internal sealed class SavedPredictions(PeopleStore store, ILogger<SavedPredictions> logger) : ISavedPredictions
{
    public async Task<PredictionContext?> FindAsync(Caller caller, string predictionId, CancellationToken cancellationToken)
    {
        var found = PeopleStore.IsId(predictionId) ? await store.GetPredictionAsync(caller, predictionId, cancellationToken) : null;

        // The saved answer has the context's fields under the same names (disease, probability, riskPercentage, category, inputs, model).
        return found is { } saved ? JsonSerializer.Deserialize(saved.Prediction.Answer, ChatJsonContext.Default.PredictionContext) : null;
    }

    public async Task<HistoryNote> SaveSuggestionsAsync(Caller caller, string predictionId, IReadOnlyList<string> suggestions, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await store.SaveSuggestionsAsync(caller, predictionId, suggestions, cancellationToken);
            if (saved is null)
            {
                Log.SuggestionsNotSaved(logger, "prediction deleted meanwhile");
                return new HistoryNote(false, predictionId, Reason: "The prediction was deleted meanwhile, so the suggestions were not saved.");
            }

            Log.SuggestionsSaved(logger, saved.Count);
            return new HistoryNote(true, predictionId, saved[0].SavedAt);
        }
        catch (PeopleStoreUnavailableException e)
        {
            Log.SuggestionsNotSaved(logger, e.Reason.ToString());
            return new HistoryNote(false, predictionId, Reason: PeopleProblems.NotSavedReason(e.Reason));
        }
    }
}
