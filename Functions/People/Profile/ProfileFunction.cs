using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Profile;

/// <summary>PUT: replaces the profile (date of birth, sex, blood group; a missing field is cleared).</summary>
internal sealed class ProfileFunction(PeopleStore store, TimeProvider time, ILogger<ProfileFunction> logger)
{
    public const string Name = "MeProfile";

    [Function(Name)]
    public async Task<Results<Ok<ProfileView>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/profile")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        var (body, problem) = await RequestBodyReader.ReadJsonAsync(request, PeopleBody.Rules, PeopleJsonContext.Default.ProfileRequest, cancellationToken);
        var today = MeFunction.Today(time);
        if (body is not null && ProfileRules.Validate(body, today) is { Count: > 0 } errors)
        {
            problem = PeopleProblems.Invalid(errors);
        }

        if (problem is not null)
        {
            Log.Answered(logger, Name, $"refused with {problem.StatusCode}");
            return problem;
        }

        var saved = await store.PutProfileAsync(caller, body!.DateOfBirth, body.Sex, body.BloodGroup, cancellationToken);
        Log.Answered(logger, Name, "profile saved");
        return TypedResults.Ok(PeopleViews.Profile(saved, today)!);
    }
}
