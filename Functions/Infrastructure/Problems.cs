using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// Every problem answer of the app, built one way: a status, a title, a detail that says what to do, and
/// for a 400 the messages per field (keyed by the field's name, never carrying its value). The RFC 9110
/// type URI follows from the status.
/// </summary>
internal static class Problems
{
    // RFC 6585 defines 429; ASP.NET Core's defaults map the RFC 9110 statuses only.
    private const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>A 400 with messages per field, and any further members (such as how many messages were left out).</summary>
    public static Problem Invalid(string title, string detail, IDictionary<string, string[]> errors, IDictionary<string, object?>? extensions = null)
    {
        var details = new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return new(details);
    }

    /// <summary>Any other problem; <paramref name="retryAfterSeconds"/> for a 429 or 503 that will pass.</summary>
    public static Problem Status(int status, string title, string detail, int? retryAfterSeconds = null, IDictionary<string, object?>? extensions = null)
    {
        var details = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = status == StatusCodes.Status429TooManyRequests ? TooManyRequestsType : null };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return new Problem(details, retryAfterSeconds);
    }

    public static Problem Unexpected() =>
        Status(StatusCodes.Status500InternalServerError, "Internal error", "The server met an unexpected error; it has been logged.");
}
