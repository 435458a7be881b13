using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Idempotency;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People;

/// <summary>The problem answers of the signed-in routes.</summary>
internal static class PeopleProblems
{
    /// <summary>Missing and someone else's are the same answer: nothing tells them apart.</summary>
    public static Problem NotFound(string what) => Problems.NotFound($"There is no {what} with this id in your history.");

    public static ProblemType InvalidType => ProblemTypes.InvalidRequest;

    public static Problem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Invalid(IDictionary<string, string[]> errors) =>
        Problems.Invalid(InvalidType, "A value is missing or not allowed; see errors.", errors);

    public static Problem Unavailable(PeopleStoreFailure reason, int retryAfterSeconds) => reason == PeopleStoreFailure.NotConfigured
        ? Problems.Status(ProblemTypes.AccountsNotConfigured,
            "This server keeps no profiles or histories (no PeopleStorage setting). Predictions and the assistant still work.",
            extensions: new Dictionary<string, object?> { ["reason"] = reason.ToString() })
        : Problems.Status(ProblemTypes.HistoryUnavailable,
            $"The storage that keeps profiles and histories did not answer. Nothing was changed. Try again in {retryAfterSeconds} seconds.",
            retryAfterSeconds, new Dictionary<string, object?> { ["reason"] = reason.ToString() });

    /// <summary>What a person is told when a prediction or suggestions could not be saved.</summary>
    public static string NotSavedReason(PeopleStoreFailure reason) => reason == PeopleStoreFailure.NotConfigured
        ? "This server keeps no histories, so it was not saved."
        : "Your history could not be reached, so it was not saved; nothing of it was stored. The result above is still valid.";
}

/// <summary>People's storage that cannot be reached (or is off here): a 503 for any route that needs it, one way; a save's <c>Idempotency-Key</c> in use (409) or reused (422).</summary>
internal sealed class PeopleProblemMapper(IOptions<PeopleOptions> options) : IProblemMapper
{
    public Problem? Map(Exception exception) => exception switch
    {
        PeopleStoreUnavailableException unavailable => PeopleProblems.Unavailable(unavailable.Reason, options.Value.RetryAfterSeconds),
        IdempotencyKeyException key => key.ToProblem(IdempotencyWindow.RetryAfterSeconds),
        _ => null,
    };
}
