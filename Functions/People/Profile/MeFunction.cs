using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People.Profile;

/// <summary>
/// GET: who is signed in, and the profile. DELETE: erases everything stored about the caller: 204 when done, or 202
/// with how far it got when <see cref="HistoryBudgetOptions.EraseSecondsPerCall"/> passed first (the same DELETE
/// goes on from there).
/// </summary>
internal sealed class MeFunction(PeopleStore store, TimeProvider time, IOptions<HistoryBudgetOptions> budget, ILogger<MeFunction> logger)
{
    public const string Name = "Me";

    [Function(Name)]
    public async Task<Results<Ok<MeResponse>, NoContent, JsonHttpResult<EraseProgress>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            var (erased, finished) = await store.EraseAsync(caller, TimeSpan.FromSeconds(Math.Max(0, budget.Value.EraseSecondsPerCall)), cancellationToken);
            Log.Erased(logger, erased, finished);
            if (finished)
            {
                return TypedResults.NoContent();
            }

            request.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Json(new EraseProgress(erased, false,
                "Erasing is under way: the rows above are gone and more remain. Send DELETE /api/me again (after Retry-After) to go on; it answers 204 when everything is erased."),
                PeopleJsonContext.Default.EraseProgress, statusCode: StatusCodes.Status202Accepted);
        }

        var profile = await store.GetProfileAsync(caller, cancellationToken);
        return TypedResults.Ok(new MeResponse(caller.IdentityProvider, caller.UserId, caller.Name, PeopleViews.Profile(profile, Today(time))));
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
