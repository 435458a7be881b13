using System.Runtime.CompilerServices;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Infrastructure.Telemetry;
using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// Counts each call to Gemini in <c>healthoracle.chat.requests</c> by its outcome, and its tokens in
/// <c>healthoracle.chat.tokens</c>. It sees only types and counts, never a message's text. Requests that never
/// reach Gemini are counted by <see cref="ChatGate"/> (<see cref="ChatTelemetry.RateLimited"/>, <see cref="ChatTelemetry.Refused"/>).
/// </summary>
internal sealed class ChatTelemetryClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            ChatTelemetry.Completed(response.FinishReason, response.Usage);
            return response;
        }
        catch (Exception exception)
        {
            ChatTelemetry.Failed(exception, cancellationToken);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (finish, usage, counted) = ((ChatFinishReason?)null, (UsageDetails?)null, false);
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await updates.MoveNextAsync();
                }
                catch (Exception exception)
                {
                    counted = true;
                    ChatTelemetry.Failed(exception, cancellationToken);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                var update = updates.Current;
                finish = update.FinishReason ?? finish;
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                yield return update;
            }

            counted = true;
            ChatTelemetry.Completed(finish, usage);
        }
        finally
        {
            if (!counted)
            {
                // The caller stopped reading before the end: the client went away mid-stream.
                ChatTelemetry.Count(ChatTelemetry.Cancelled);
            }

            await updates.DisposeAsync();
        }
    }
}

/// <summary>The <c>outcome</c> values of <c>healthoracle.chat.requests</c>, and how each is counted.</summary>
internal static class ChatTelemetry
{
    public const string Answered = "answered";
    public const string Withheld = "withheld";
    public const string RateLimitedOutcome = "rate_limited";
    public const string RefusedOutcome = "refused";
    public const string NotConfigured = "not_configured";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string UpstreamCredential = "upstream_credential";
    public const string Cancelled = "cancelled";
    public const string Error = "error";

    /// <summary>A request refused by the chat's rate limit (also a <c>healthoracle.ratelimit.rejections</c> point).</summary>
    public static void RateLimited()
    {
        Count(RateLimitedOutcome);
        AppTelemetry.RateLimitRejected(AppTelemetry.Limits.Chat);
    }

    /// <summary>A request refused before Gemini: a body that is invalid, too large or of another type.</summary>
    public static void Refused() => Count(RefusedOutcome);

    public static void Completed(ChatFinishReason? finish, UsageDetails? usage)
    {
        Count(finish == ChatFinishReason.ContentFilter ? Withheld : Answered);
        Tokens("input", usage?.InputTokenCount);
        Tokens("output", usage?.OutputTokenCount);
    }

    public static void Failed(Exception exception, CancellationToken cancellationToken) => Count(exception switch
    {
        ChatNotConfiguredException => NotConfigured,
        GeminiUpstreamException => UpstreamError,
        VertexCredentialException => UpstreamCredential,
        GeminiTimeoutException => UpstreamTimeout,
        OperationCanceledException when cancellationToken.IsCancellationRequested => Cancelled,
        _ => Error,
    });

    public static void Count(string outcome) =>
        AppTelemetry.ChatRequests.Add(1, new KeyValuePair<string, object?>(AppTelemetry.Attributes.Outcome, outcome));

    private static void Tokens(string type, long? count)
    {
        if (count is > 0)
        {
            AppTelemetry.ChatTokens.Add(count.Value, new KeyValuePair<string, object?>(AppTelemetry.Attributes.TokenType, type));
        }
    }
}
