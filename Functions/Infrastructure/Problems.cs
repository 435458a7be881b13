using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// The catalogue of the app's problem answers: every problem is built here, one way: a status, a title, a
/// detail that says what to do, and for a 400 the messages per field (keyed by the field's name, never carrying
/// its value). The RFC 9110 type URI follows from the status. Features add their own kinds by calling
/// <see cref="Status"/> or <see cref="Invalid(string, string, IDictionary{string, string[]}, IDictionary{string, object?})"/> from one class of theirs.
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

    /// <summary>A 400 with the messages of a body's fields.</summary>
    public static Problem Invalid(string title, IDictionary<string, string[]> errors) =>
        Invalid(title, "One or more fields are missing or not valid; see errors.", errors);

    /// <summary>A 400 with every listed message; past the cap it says how many more there are, and whether reading stopped.</summary>
    public static Problem Invalid(string title, Errors errors)
    {
        if (errors.More == 0)
        {
            return Invalid(title, errors.ToDictionary());
        }

        var stopped = errors.Full;
        var detail = stopped
            ? $"Too many errors: the first {Errors.MaxListed} are listed in errors, and {errors.More} more were found before reading stopped at {Errors.StopAfter}; the rest of the body was not checked."
            : $"Too many errors: the first {Errors.MaxListed} are listed in errors, and {errors.More} more were found.";
        var extensions = new Dictionary<string, object?> { ["moreErrors"] = errors.More };
        if (stopped)
        {
            extensions["readingStopped"] = true;
        }

        return Invalid(title, detail, errors.ToDictionary(), extensions);
    }

    /// <summary>A query parameter that is not one of its values.</summary>
    public static Problem InvalidQuery(string name, string message) =>
        Invalid("Invalid query", $"The query parameter {name} {message.TrimEnd('.')}.", new Dictionary<string, string[]> { [name] = [message] });

    public static Problem EmptyBody(string whatToSend) => Status(StatusCodes.Status400BadRequest, "Empty body", whatToSend);

    public static Problem Malformed(string detail) => Status(StatusCodes.Status400BadRequest, "Malformed body", detail);

    public static Problem BodyTooLarge(int limitBytes, string? what = null) => Status(
        StatusCodes.Status413PayloadTooLarge, "Body too large", $"{what ?? "The body"} may be at most {Size(limitBytes)}.");

    public static Problem UnsupportedMediaType(string accepted) => Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", accepted);

    public static Problem UnsupportedCharset(string charset) => Status(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", $"The body is read as UTF-8; charset={charset} is not read. Send UTF-8 (or plain ASCII).");

    public static Problem NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail);

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

    private static string Size(int bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024} KB";
}
