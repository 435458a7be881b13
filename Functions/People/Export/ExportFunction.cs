using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Export;

/// <summary>GET: everything stored about the caller as one JSON document, offered as a download.</summary>
internal sealed class ExportFunction(PeopleStore store, TimeProvider time, ILogger<ExportFunction> logger)
{
    public const string Name = "MeExport";
    public const string Format = "healthoracle-export/1";

    [Function(Name)]
    public async Task<Results<JsonHttpResult<ExportDocument>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        var (profile, predictions, suggestions) = await store.ReadAllAsync(caller, cancellationToken);
        var byPrediction = suggestions.ToLookup(s => s.PredictionId, StringComparer.Ordinal);
        var document = new ExportDocument(
            Format,
            time.GetUtcNow(),
            new ExportAccount(caller.IdentityProvider, caller.UserId, caller.Name,
                "Your sign-in id and name come from your sign-in and are not stored; rows are kept under a hash of the id."),
            PeopleViews.Profile(profile, MeFunction.Today(time)),
            [.. predictions.Select(p => PeopleViews.Saved(p, byPrediction[p.Id]))]);
        Log.Exported(logger, predictions.Count, suggestions.Count);
        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"healthoracle-export.json\"";
        return TypedResults.Json(document, PeopleJsonContext.Default.ExportDocument);
    }
}
