using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People;
using HealthOracle.Functions.People.Profile;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// Who is signed in, for the site's pages: the same answer as <c>GET /api/me</c> when someone is, and <c>null</c> (200)
/// when nobody is. Asking is not an error for a page (a 401 on every signed-out page was logged in the browser's console
/// as a failure); programs keep <c>/api/me</c>, whose 401 says what to do.
/// </summary>
internal sealed class SessionPageFunction(PeopleStore store, TimeProvider time)
{
    [Function("SessionPage")]
    public async Task<Results<Ok<MeResponse>, ContentHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/session")] HttpRequest request, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (request.Caller() is not { } caller)
        {
            return TypedResults.Content("null", "application/json; charset=utf-8");
        }

        var profile = await store.GetProfileAsync(caller, cancellationToken);
        return TypedResults.Ok(new MeResponse(caller.IdentityProvider, caller.UserId, caller.Name, PeopleViews.Profile(profile, MeFunction.Today(time))));
    }
}
