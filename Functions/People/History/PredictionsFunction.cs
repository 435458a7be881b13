using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.People.History;

/// <summary>GET: the caller's saved predictions, newest first, paged (<c>pageSize</c>, <c>continuation</c>), optionally one <c>disease</c>.</summary>
internal sealed class PredictionsFunction(PeopleStore store)
{
    public const string Name = "MePredictions";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    [Function(Name)]
    public async Task<Results<Ok<PredictionPage>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/predictions")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        var query = request.Query;
        var errors = new Dictionary<string, string[]>();
        var disease = query["disease"].ToString() is { Length: > 0 } d ? d : null;
        if (disease is not null && !DiseaseCatalog.TryGet(disease, out _))
        {
            errors["disease"] = [$"disease must be one of {string.Join(", ", DiseaseCatalog.Keys)}."];
        }

        var pageSize = DefaultPageSize;
        if (query["pageSize"].ToString() is { Length: > 0 } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxPageSize}."];
        }

        var continuation = query["continuation"].ToString() is { Length: > 0 } c ? c : null;
        if (continuation is not null && !PeopleStore.IsId(continuation))
        {
            errors["continuation"] = ["continuation must be the value a previous page answered."];
        }

        if (errors.Count > 0)
        {
            return PeopleProblems.Invalid(errors);
        }

        var (items, more) = await store.ListAsync(caller, disease, continuation, pageSize, cancellationToken);
        return TypedResults.Ok(new PredictionPage([.. items.Select(PeopleViews.Summary)], more ? items[^1].Id : null));
    }
}
