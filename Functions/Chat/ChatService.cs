using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// Asks the model, whichever route and form the question came in: a reply, a streamed reply, or suggestions for one
/// prediction. No HTTP here but the stream's result; the model's failures are thrown (and mapped by <see cref="ChatProblems"/>)
/// and logged here, once.
/// </summary>
internal sealed class ChatService(IChatClient chat, ILogger<ChatService> logger)
{
    public async Task<ChatReply> AskAsync(ChatRequest request, ChatCallInfo call, CancellationToken cancellationToken)
    {
        try
        {
            var response = await chat.GetResponseAsync(ChatPrompts.ChatMessages(request), ChatPrompts.ChatOptions(request.Prediction), cancellationToken);
            var reply = ChatReplies.From(response, call.DefaultModel);
            Log.ChatAnswered(logger, call.Function, call.RequestId, reply.FinishReason, request.Message!.Length, request.History?.Count ?? 0,
                ChatValidator.HistoryBytes(request.History), request.Prediction is not null, reply.Reply?.Length ?? 0,
                response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            return reply;
        }
        catch (Exception exception) when (Failed(call, exception))
        {
            throw;
        }
    }

    /// <summary>
    /// The reply as server-sent events, ended as <paramref name="end"/> says (the JSON API's by default); the first
    /// chunk is awaited here, so a failure to start is still a problem answer.
    /// </summary>
    public async Task<ChatStreamResult> StreamAsync(ChatRequest request, ChatCallInfo call, CancellationToken cancellationToken, ChatStreamEnd? end = null)
    {
        try
        {
            return await ChatStreamResult.StartAsync(
                chat.GetStreamingResponseAsync(ChatPrompts.ChatMessages(request), ChatPrompts.ChatOptions(request.Prediction), cancellationToken),
                call, end ?? ChatStreamEnd.Api, logger, cancellationToken);
        }
        catch (Exception exception) when (Failed(call, exception))
        {
            throw;
        }
    }

    /// <summary>10–15 practical suggestions for one prediction, asked as JSON with a response schema.</summary>
    public async Task<IReadOnlyList<string>> SuggestAsync(PredictionContext prediction, ChatCallInfo call, CancellationToken cancellationToken)
    {
        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.User, ChatPrompts.SuggestionsUserMessage)], ChatPrompts.SuggestionsOptions(prediction), cancellationToken);
            var (suggestions, unusable) = SuggestionsParser.Parse(response);
            if (suggestions is null)
            {
                throw new SuggestionsUnusableException(unusable!);
            }

            Log.ChatAnswered(logger, call.Function, call.RequestId, ChatReplies.FinishReasonOf(response.FinishReason), 0, 0, 0, true,
                suggestions.Sum(s => s.Length), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            return suggestions;
        }
        catch (Exception exception) when (Failed(call, exception))
        {
            throw;
        }
    }

    /// <summary>Logs a failure the chat's mapper answers (never its text); false, so that it goes on to be answered.</summary>
    private bool Failed(ChatCallInfo call, Exception exception)
    {
        if (ChatProblems.Map(exception) is { } problem)
        {
            Log.ChatFailed(logger, call.Function, call.RequestId, problem.StatusCode, exception is SuggestionsUnusableException unusable ? unusable.Reason : exception.GetType().Name);
        }

        return false;
    }
}

/// <summary>The model's suggestions could not be used (wrong shape, too few, too long): a 502.</summary>
internal sealed class SuggestionsUnusableException(string reason) : Exception($"Gemini's suggestions could not be used: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>What a chat call logs about itself: never its text.</summary>
internal sealed record ChatCallInfo(string Function, string RequestId, string DefaultModel, long StartTimestamp)
{
    public double ElapsedMs => System.Diagnostics.Stopwatch.GetElapsedTime(StartTimestamp).TotalMilliseconds;

    public static ChatCallInfo Start(string function, HttpRequest request, string defaultModel) =>
        new(function, request.HttpContext.TraceIdentifier, defaultModel, System.Diagnostics.Stopwatch.GetTimestamp());
}
