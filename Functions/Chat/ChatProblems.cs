using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Chat;

/// <summary>The chat's problem answers, worded once; never a 200 with an apology in it.</summary>
internal static class ChatProblems
{
    public const string NotConfiguredTitle = "Chat is not configured.";

    public const string CredentialTitle = "Chat cannot use its Google identity.";

    private const int CredentialRetryAfterSeconds = 10;

    public static Problem Invalid(IDictionary<string, string[]> errors) =>
        Problems.Invalid("The chat request is invalid.", string.Join(" ", errors.Values.SelectMany(messages => messages)), errors);

    public static Problem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Problem TooLarge(int limitBytes) => Problems.Status(StatusCodes.Status413PayloadTooLarge,
        "The chat request is too large.", $"A chat request may be at most {limitBytes / 1024} KB.");

    public static Problem UnsupportedMediaType(string? unreadableCharset = null) => Problems.Status(StatusCodes.Status415UnsupportedMediaType,
        "Unsupported content type.", unreadableCharset is null
            ? "Send the chat request as application/json (or, from a browser, as a form)."
            : $"Send the chat request as application/json in UTF-8; charset={unreadableCharset} is not read.");

    public static Problem TooManyRequests(int retryAfterSeconds, int permitsPerMinute) => Problems.Status(
        StatusCodes.Status429TooManyRequests, "Too many chat requests.",
        $"Chat allows {permitsPerMinute} requests a minute from one address; try again in {retryAfterSeconds} s.", retryAfterSeconds);

    public static Problem SuggestionsUnusable(string reason) => Problems.Status(StatusCodes.Status502BadGateway,
        "Gemini's suggestions could not be used.", reason);

    /// <summary>Maps the Gemini client's failures; anything else is left to the host's exception handling.</summary>
    public static bool TryMap(Exception exception, out Problem problem)
    {
        problem = exception switch
        {
            ChatNotConfiguredException => Problems.Status(StatusCodes.Status503ServiceUnavailable,
                NotConfiguredTitle, "This deployment has no Gemini configuration; predictions still work."),
            GeminiUpstreamException upstream => Problems.Status(StatusCodes.Status502BadGateway,
                "Gemini failed.", upstream.UpstreamStatus is { } status and not 200
                    ? $"Gemini answered HTTP {status} ({upstream.Reason})."
                    : $"Gemini's answer could not be read ({upstream.Reason})."),
            // The operator's reason (which step, what to fix) and never a token; Retry-After only when waiting can help.
            VertexCredentialException credential => Problems.Status(StatusCodes.Status503ServiceUnavailable,
                CredentialTitle, credential.Reason, credential.Transient ? CredentialRetryAfterSeconds : null),
            GeminiTimeoutException timeout => Problems.Status(StatusCodes.Status504GatewayTimeout,
                "Gemini did not answer in time.", $"No answer within {timeout.Timeout.TotalSeconds:0} s."),
            _ => null!,
        };
        return problem is not null;
    }
}
