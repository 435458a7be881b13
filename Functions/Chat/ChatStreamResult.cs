using HealthOracle.Functions.Infrastructure;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// How a streamed reply ends, as the data of its last event: <c>event: done</c> for the whole reply, or
/// <c>event: error</c> when it breaks off after it started. The JSON API's (<see cref="Api"/>) says the finish reason
/// and model; the assistant's page puts its rendered page there instead.
/// </summary>
/// <param name="Done">The <c>done</c> event's data for the reply (empty when withheld), its finish reason and model.</param>
/// <param name="Failed">The <c>error</c> event's data for the problem that broke it off.</param>
internal sealed record ChatStreamEnd(Func<string, string, string, string> Done, Func<Problem, string> Failed)
{
    public static ChatStreamEnd Api { get; } = new(
        (_, reason, model) => JsonSerializer.Serialize(new ChatDone(reason, model, reason == ChatReplies.Safety ? ChatReplies.SafetyMessage : null), ChatJsonContext.Default.ChatDone),
        problem => JsonSerializer.Serialize(new ChatStreamError(problem.StatusCode, problem.Details.Title ?? "Chat failed."), ChatJsonContext.Default.ChatStreamError));
}

/// <summary>
/// Streams a reply as server-sent events: <c>data: {"text":"…"}</c> per chunk, flushed as it arrives, then the end
/// (<see cref="ChatStreamEnd"/>). The first chunk is fetched before the result is returned, so that a failure to
/// start is still a problem answer with its own status.
/// </summary>
internal sealed class ChatStreamResult : IResult
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly bool _started;
    private readonly ChatCallInfo _call;
    private readonly ChatStreamEnd _end;
    private readonly ILogger _logger;

    private ChatStreamResult(IAsyncEnumerator<ChatResponseUpdate> updates, bool started, ChatCallInfo call, ChatStreamEnd end, ILogger logger) =>
        (_updates, _started, _call, _end, _logger) = (updates, started, call, end, logger);

    public static async Task<ChatStreamResult> StartAsync(
        IAsyncEnumerable<ChatResponseUpdate> updates, ChatCallInfo call, ChatStreamEnd end, ILogger logger, CancellationToken cancellationToken)
    {
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            // Holds the first chunk (or the end) in Current; a failure here becomes a problem response.
            return new ChatStreamResult(enumerator, await enumerator.MoveNextAsync(), call, end, logger);
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = httpContext.RequestAborted;
        var reply = new StringBuilder();
        var (chunks, model, finish) = (0, _call.DefaultModel, (ChatFinishReason?)null);
        UsageDetails? usage = null;
        try
        {
            for (var more = _started; more; more = await _updates.MoveNextAsync())
            {
                var update = _updates.Current;
                model = update.ModelId ?? model;
                finish = update.FinishReason ?? finish;
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                if (!string.IsNullOrEmpty(update.Text) && finish != ChatFinishReason.ContentFilter)
                {
                    await WriteAsync(response, null, JsonSerializer.Serialize(new ChatChunk(update.Text), ChatJsonContext.Default.ChatChunk), cancellationToken);
                    reply.Append(update.Text);
                    chunks++;
                }
            }

            var reason = ChatReplies.FinishReasonOf(finish);
            await WriteAsync(response, "done", _end.Done(reason == ChatReplies.Safety ? "" : reply.ToString(), reason, model), cancellationToken);
            Log.ChatStreamed(_logger, _call.Function, _call.RequestId, chunks, reply.Length, reason, usage?.InputTokenCount, usage?.OutputTokenCount, _call.ElapsedMs);
        }
        catch (Exception exception) when (ChatProblems.Map(exception) is { } problem && !cancellationToken.IsCancellationRequested)
        {
            // The status line is gone: tell the client in-band, then end the stream.
            Log.ChatStreamBroken(_logger, _call.Function, _call.RequestId, chunks, exception.GetType().Name);
            await WriteAsync(response, "error", _end.Failed(problem), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away; disposing the updates below closes the upstream stream too.
            Log.ChatStreamBroken(_logger, _call.Function, _call.RequestId, chunks, "client disconnected");
        }
        finally
        {
            await _updates.DisposeAsync();
        }
    }

    private static async Task WriteAsync(HttpResponse response, string? eventType, string json, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (eventType is not null)
        {
            text.Append("event: ").Append(eventType).Append('\n');
        }

        // JSON escapes new lines, so one data line carries the whole event.
        text.Append("data: ").Append(json).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
