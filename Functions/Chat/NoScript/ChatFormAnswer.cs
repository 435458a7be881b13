using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat.NoScript;

/// <summary>
/// <c>POST /api/chat</c> with a form (the assistant without JavaScript): the same rate limit, bounds and
/// model as the JSON route, answered as a page of the site with the conversation and the next question's form.
/// </summary>
internal sealed class ChatFormAnswer(IChatClient chat, ChatRateLimiter limiter, SiteFrame frame, ILogger<ChatFormAnswer> logger)
{
    public async Task<HtmlPage> AnswerAsync(HttpRequest request, ChatCallInfo call, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            Log.ChatRateLimited(logger, call.Function, call.RequestId, retryAfterSeconds);
            var (kept, _) = await ChatForm.ReadAsync(request, cancellationToken);
            return ChatPage.Problem(frame, kept, ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute));
        }

        var (body, problem) = await ChatForm.ReadAsync(request, cancellationToken);
        if (body is not null && ChatValidator.Validate(body) is { Count: > 0 } errors)
        {
            problem = ChatProblems.Invalid(errors);
        }

        if (problem is not null)
        {
            Log.ChatRefused(logger, call.Function, call.RequestId, problem.StatusCode, problem.Errors is { } invalid ? string.Join(",", invalid.Keys) : "-");
            return ChatPage.Problem(frame, body, problem);
        }

        try
        {
            var response = await chat.GetResponseAsync(ChatPrompts.ChatMessages(body!), ChatPrompts.ChatOptions(null), cancellationToken);
            var reply = ChatReplies.From(response, call.DefaultModel);
            Log.ChatAnswered(logger, call.Function, call.RequestId, reply.FinishReason, body!.Message!.Length, body.History?.Count ?? 0,
                ChatValidator.HistoryBytes(body.History), false, reply.Reply?.Length ?? 0,
                response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            return reply.Reply is { Length: > 0 } text
                ? ChatPage.Answer(frame, body, text, reply.FinishReason == "STOP" ? null : FinishNote(reply))
                : ChatPage.Answer(frame, body, null, reply.Message ?? FinishNote(reply));
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var failed))
        {
            Log.ChatFailed(logger, call.Function, call.RequestId, failed.StatusCode, exception.GetType().Name);
            return ChatPage.Problem(frame, body, failed);
        }
    }

    private static string FinishNote(ChatReply reply) => reply.FinishReason switch
    {
        "MAX_TOKENS" => "The reply was cut short because it reached its length limit.",
        ChatReplies.Safety => ChatReplies.SafetyMessage,
        _ => $"The reply ended early ({reply.FinishReason}).",
    };
}
