using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Chat;

/// <summary>The chat's problem answers, worded once; never a 200 with an apology in it.</summary>
internal static class ChatProblems
{
    private const int CredentialRetryAfterSeconds = 10;

    public static Problem Invalid(IDictionary<string, string[]> errors) =>
        Problems.Invalid(ChatBody.InvalidType, string.Join(" ", errors.Values.SelectMany(messages => messages)), errors);

    public static Problem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Problem TooManyRequests(int retryAfterSeconds, int permitsPerMinute) => Problems.Status(
        ProblemTypes.ChatTooManyRequests,
        $"Chat allows {permitsPerMinute} requests a minute from one address; try again in {retryAfterSeconds} s.", retryAfterSeconds);

    /// <summary>The chat's failures as problems (<see cref="DomainProblems"/> asks); null for anything else.</summary>
    public static Problem? Map(Exception exception) => exception switch
    {
        ChatNotConfiguredException => Problems.Status(ProblemTypes.ChatNotConfigured, "This deployment has no Gemini configuration; predictions still work."),
        GeminiUpstreamException upstream => Problems.Status(ProblemTypes.ChatUpstreamFailed,
            upstream.UpstreamStatus is { } status and not 200
                ? $"Gemini answered HTTP {status} ({upstream.Reason})."
                : $"Gemini's answer could not be read ({upstream.Reason})."),
        // The operator's reason (which step, what to fix) and never a token; Retry-After only when waiting can help.
        VertexCredentialException credential => Problems.Status(ProblemTypes.ChatCredentialUnavailable,
            credential.Reason, credential.Transient ? CredentialRetryAfterSeconds : null),
        GeminiTimeoutException timeout => Problems.Status(ProblemTypes.ChatTimeout,
            $"No answer within {timeout.Timeout.TotalSeconds:0} s."),
        SuggestionsUnusableException unusable => Problems.Status(ProblemTypes.SuggestionsUnusable,
            unusable.Reason),
        _ => null,
    };
}

/// <summary>The chat's entry in the one domain-exception mapper.</summary>
internal sealed class ChatProblemMapper : IProblemMapper
{
    public Problem? Map(Exception exception) => ChatProblems.Map(exception);
}
