using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.People.History;

/// <summary>PATCH <c>{"read": true|false}</c>: marks one saved suggestion read or unread.</summary>
internal sealed class SuggestionFunction(PeopleStore store)
{
    public const string Name = "MeSuggestion";

    [Function(Name)]
    public async Task<Results<Ok<SavedSuggestion>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "me/predictions/{id}/suggestions/{suggestionId}")] HttpRequest request,
        string id, string suggestionId, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return IdentityProblems.SignInRequired();
        }

        var (body, problem) = await RequestBodyReader.ReadJsonAsync(request, PeopleBody.Rules, PeopleJsonContext.Default.SuggestionUpdate, cancellationToken);
        if (body is { Read: null })
        {
            problem = PeopleProblems.Invalid("read", "read is required: true or false.");
        }

        if (problem is not null)
        {
            return problem;
        }

        var valid = PeopleStore.IsId(id) && suggestionId is { Length: 2 } && suggestionId.All(char.IsAsciiDigit);
        var updated = valid ? await store.MarkSuggestionAsync(caller, id, suggestionId, body!.Read!.Value, cancellationToken) : null;
        return updated is null ? PeopleProblems.NotFound("saved suggestion") : TypedResults.Ok(PeopleViews.Suggestion(updated));
    }
}
