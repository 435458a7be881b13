using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Storage;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.People;

/// <summary>The problem answers of the signed-in routes.</summary>
internal static class PeopleProblems
{
    public const string SignInPath = "/.auth/login/aad";

    public static Problem SignInRequired() => Problems.Status(StatusCodes.Status401Unauthorized, "Sign-in required",
        $"This route answers for the signed-in person only. Sign in first ({SignInPath}); a browser calling from the site sends the sign-in cookie with credentials: 'include'.");

    /// <summary>A signed-in write that another site's page sent (issue 24, S2): refused, nothing changed.</summary>
    public static Problem CrossSiteWrite() => Problems.Status(StatusCodes.Status403Forbidden, "Not from this site",
        Identity.WriteOrigin.RefusedReason, extensions: new Dictionary<string, object?> { ["reason"] = "CrossSiteWrite" });

    /// <summary>Missing and someone else's are the same answer: nothing tells them apart.</summary>
    public static Problem NotFound(string what) => Problems.Status(StatusCodes.Status404NotFound, "Not found", $"There is no {what} with this id in your history.");

    public static Problem Invalid(string field, string message) =>
        Problems.Invalid("Invalid request", "A value is missing or not allowed; see errors.", new Dictionary<string, string[]> { [field] = [message] });

    public static Problem Invalid(IDictionary<string, string[]> errors) =>
        Problems.Invalid("Invalid request", "A value is missing or not allowed; see errors.", errors);

    public static Problem Unavailable(PeopleStoreFailure reason, int retryAfterSeconds) => reason == PeopleStoreFailure.NotConfigured
        ? Problems.Status(StatusCodes.Status503ServiceUnavailable, "Accounts are not available",
            "This server keeps no profiles or histories (no PeopleStorage setting). Predictions and the assistant still work.",
            extensions: new Dictionary<string, object?> { ["reason"] = reason.ToString() })
        : Problems.Status(StatusCodes.Status503ServiceUnavailable, "Your history cannot be reached",
            $"The storage that keeps profiles and histories did not answer. Nothing was changed. Try again in {retryAfterSeconds} seconds.",
            retryAfterSeconds, new Dictionary<string, object?> { ["reason"] = reason.ToString() });

    /// <summary>What a person is told when a prediction or suggestions could not be saved.</summary>
    public static string NotSavedReason(PeopleStoreFailure reason) => reason == PeopleStoreFailure.NotConfigured
        ? "This server keeps no histories, so it was not saved."
        : "Your history could not be reached, so it was not saved; nothing of it was stored. The result above is still valid.";
}
