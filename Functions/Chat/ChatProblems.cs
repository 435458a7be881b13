using HealthOracle.Functions.Chat.Gemini;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthOracle.Functions.Chat;

/// <summary>The chat's problem+json answers (RFC 9457); never a 200 with an apology in it.</summary>
internal static class ChatProblems
{
    public const string BadRequestType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    public const string TooLargeType = "https://tools.ietf.org/html/rfc9110#section-15.5.14";
    public const string UnsupportedMediaTypeType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";
    public const string BadGatewayType = "https://tools.ietf.org/html/rfc9110#section-15.6.3";
    public const string ServiceUnavailableType = "https://tools.ietf.org/html/rfc9110#section-15.6.4";
    public const string GatewayTimeoutType = "https://tools.ietf.org/html/rfc9110#section-15.6.5";

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Type = BadRequestType,
            Title = "The chat request is invalid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = string.Join(" ", errors.Values.SelectMany(messages => messages)),
        });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult TooLarge(int limitBytes) => Problem(StatusCodes.Status413PayloadTooLarge, TooLargeType,
        "The chat request is too large.", $"A chat request may be at most {limitBytes / 1024} KB.");

    public static ProblemHttpResult UnsupportedMediaType() => Problem(StatusCodes.Status415UnsupportedMediaType, UnsupportedMediaTypeType,
        "Unsupported content type.", "Send the chat request as application/json.");

    public static ProblemHttpResult TooManyRequests(int retryAfterSeconds, int permitsPerMinute) => Problem(
        StatusCodes.Status429TooManyRequests, TooManyRequestsType, "Too many chat requests.",
        $"Chat allows {permitsPerMinute} requests a minute from one address; try again in {retryAfterSeconds} s.");

    public static ProblemHttpResult SuggestionsUnusable(string reason) => Problem(StatusCodes.Status502BadGateway, BadGatewayType,
        "Gemini's suggestions could not be used.", reason);

    /// <summary>Maps the Gemini client's failures; anything else is left to the host's exception handling.</summary>
    public static bool TryMap(Exception exception, out ProblemHttpResult problem)
    {
        problem = exception switch
        {
            ChatNotConfiguredException => Problem(StatusCodes.Status503ServiceUnavailable, ServiceUnavailableType,
                "Chat is not configured.", "This deployment has no Gemini configuration; predictions still work."),
            GeminiUpstreamException upstream => Problem(StatusCodes.Status502BadGateway, BadGatewayType,
                "Gemini failed.", upstream.UpstreamStatus is { } status and not 200
                    ? $"Gemini answered HTTP {status} ({upstream.Reason})."
                    : $"Gemini's answer could not be read ({upstream.Reason})."),
            GeminiTimeoutException timeout => Problem(StatusCodes.Status504GatewayTimeout, GatewayTimeoutType,
                "Gemini did not answer in time.", $"No answer within {timeout.Timeout.TotalSeconds:0} s."),
            _ => null!,
        };
        return problem is not null;
    }

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: type);
}
