using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// Every problem answer is built here, one way, from its kind in <see cref="ProblemTypes"/> (status, title, stable
/// <c>code</c> and <c>type</c> URI): a detail that says what to do, and for a 400 the messages per field (keyed by
/// the field's name, never carrying its value). Features build theirs by calling <see cref="Status"/> or
/// <see cref="Invalid(ProblemType, string, IDictionary{string, string[]}, IDictionary{string, object?})"/> from one class of theirs.
/// </summary>
internal static class Problems
{
    /// <summary>A 400 with messages per field, and any further members (such as how many messages were left out).</summary>
    public static Problem Invalid(ProblemType type, string detail, IDictionary<string, string[]> errors, IDictionary<string, object?>? extensions = null)
    {
        var details = new HttpValidationProblemDetails(errors) { Status = type.Status, Title = type.Title, Detail = detail, Type = type.Uri };
        details.Extensions["code"] = type.Code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return new(details);
    }

    /// <summary>A 400 with the messages of a body's fields.</summary>
    public static Problem Invalid(ProblemType type, IDictionary<string, string[]> errors) =>
        Invalid(type, "One or more fields are missing or not valid; see errors.", errors);

    /// <summary>A 400 with every listed message; past the cap it says how many more there are, and whether reading stopped.</summary>
    public static Problem Invalid(ProblemType type, Errors errors)
    {
        if (errors.More == 0)
        {
            return Invalid(type, errors.ToDictionary());
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

        return Invalid(type, detail, errors.ToDictionary(), extensions);
    }

    /// <summary>A query parameter that is not one of its values.</summary>
    public static Problem InvalidQuery(string name, string message) =>
        Invalid(ProblemTypes.InvalidQuery, $"The query parameter {name} {message.TrimEnd('.')}.", new Dictionary<string, string[]> { [name] = [message] });

    public static Problem EmptyBody(string whatToSend) => Status(ProblemTypes.EmptyBody, whatToSend);

    public static Problem Malformed(string detail) => Status(ProblemTypes.MalformedBody, detail);

    public static Problem BodyTooLarge(int limitBytes, string? what = null) => Status(
        ProblemTypes.BodyTooLarge, $"{what ?? "The body"} may be at most {Size(limitBytes)}.");

    public static Problem UnsupportedMediaType(string accepted) => Status(ProblemTypes.UnsupportedMediaType, accepted);

    public static Problem UnsupportedCharset(string charset) => Status(
        ProblemTypes.UnsupportedCharset, $"The body is read as UTF-8; charset={charset} is not read. Send UTF-8 (or plain ASCII).");

    public static Problem NotFound(string detail) => Status(ProblemTypes.NotFound, detail);

    public static Problem UnknownDisease(string detail) => Status(ProblemTypes.UnknownDisease, detail);

    /// <summary>Any other problem of <paramref name="type"/>; <paramref name="retryAfterSeconds"/> for a 429 or 503 that will pass.</summary>
    public static Problem Status(ProblemType type, string detail, int? retryAfterSeconds = null, IDictionary<string, object?>? extensions = null)
    {
        var details = new ProblemDetails { Status = type.Status, Title = type.Title, Detail = detail, Type = type.Uri };
        details.Extensions["code"] = type.Code;
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            details.Extensions[key] = value;
        }

        return new Problem(details, retryAfterSeconds);
    }

    public static Problem Unexpected() =>
        Status(ProblemTypes.InternalError, "The server met an unexpected error; it has been logged.");

    private static string Size(int bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / 1024 / 1024} MB" : $"{bytes / 1024} KB";
}
