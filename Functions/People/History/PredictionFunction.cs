using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.History;

/// <summary>GET: one saved prediction with its suggestions. DELETE: removes both. Missing or another person's: 404.</summary>
internal sealed class PredictionFunction(PeopleStore store, ILogger<PredictionFunction> logger)
{
    public const string Name = "MePrediction";

    [Function(Name)]
    public async Task<Results<Ok<SavedPrediction>, NoContent, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "me/predictions/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            var deleted = PeopleStore.IsId(id) && await store.DeletePredictionAsync(caller, id, cancellationToken);
            Log.Answered(logger, Name, deleted ? "deleted" : "not found");
            return deleted ? TypedResults.NoContent() : PeopleProblems.NotFound("saved prediction");
        }

        var found = PeopleStore.IsId(id) ? await store.GetPredictionAsync(caller, id, cancellationToken) : null;
        return found is { } saved
            ? TypedResults.Ok(PeopleViews.Saved(saved.Prediction, saved.Suggestions))
            : PeopleProblems.NotFound("saved prediction");
    }
}
