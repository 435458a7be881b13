using System.Text.Json;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.History;

/// <summary>
/// The assistant asked about a saved prediction (<c>predictionId</c>): the server reads the prediction
/// from the caller's own history and never takes the client's values for it; suggestions made for it are
/// saved with it.
/// </summary>
internal sealed class SavedPredictions(PeopleStore store, ILogger<SavedPredictions> logger)
{
    /// <summary>The saved prediction as the assistant's context; 401 without a signed-in caller, 404 when it is not theirs or not there.</summary>
    public async Task<(PredictionContext? Context, Problem? Problem)> ContextAsync(HttpRequest request, string predictionId, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return (null, PeopleProblems.SignInRequired());
        }

        if (request.HttpContext.Features.Get<CrossSiteWrite>() is not null)
        {
            return (null, PeopleProblems.CrossSiteWrite());
        }

        var found = PeopleStore.IsId(predictionId) ? await store.GetPredictionAsync(caller, predictionId, cancellationToken) : null;
        if (found is not { } saved)
        {
            return (null, PeopleProblems.NotFound("saved prediction"));
        }

        // The saved answer has the context's fields under the same names (disease, probability, riskPercentage, category, inputs, model).
        return (JsonSerializer.Deserialize(saved.Prediction.Answer, ChatJsonContext.Default.PredictionContext), null);
    }

    /// <summary>Saves suggestions with the prediction; the answer says whether they were saved, and why not.</summary>
    public async Task<HistoryNote> SaveSuggestionsAsync(HttpRequest request, string predictionId, IReadOnlyList<string> suggestions, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await store.SaveSuggestionsAsync(request.Caller()!, predictionId, suggestions, cancellationToken);
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
