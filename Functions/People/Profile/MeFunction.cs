using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Profile;

/// <summary>GET: who is signed in, and the profile. DELETE: erases everything stored about the caller.</summary>
internal sealed class MeFunction(PeopleStore store, TimeProvider time, ILogger<MeFunction> logger)
{
    public const string Name = "Me";

    [Function(Name)]
    public async Task<Results<Ok<MeResponse>, NoContent, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "delete", Route = "me")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            Log.Erased(logger, await store.EraseAsync(caller, cancellationToken));
            return TypedResults.NoContent();
        }

        var profile = await store.GetProfileAsync(caller, cancellationToken);
        return TypedResults.Ok(new MeResponse(caller.IdentityProvider, caller.UserId, caller.Name, PeopleViews.Profile(profile, Today(time))));
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
