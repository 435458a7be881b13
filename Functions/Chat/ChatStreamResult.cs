using HealthOracle.Functions.Infrastructure;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// Streams a reply as server-sent events: <c>data: {"text":"…"}</c> per chunk, flushed as it arrives, then
/// <c>event: done</c> with the finish reason and model. The first chunk is fetched before the result is
/// returned, so that a failure to start is still a problem response with its own status.
/// </summary>
internal sealed class ChatStreamResult : IResult
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly bool _started;
    private readonly ChatCallInfo _call;
    private readonly ILogger _logger;

    private ChatStreamResult(IAsyncEnumerator<ChatResponseUpdate> updates, bool started, ChatCallInfo call, ILogger logger) =>
        (_updates, _started, _call, _logger) = (updates, started, call, logger);

    public static async Task<ChatStreamResult> StartAsync(
        IAsyncEnumerable<ChatResponseUpdate> updates, ChatCallInfo call, ILogger logger, CancellationToken cancellationToken)
    {
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            // Holds the first chunk (or the end) in Current; a failure here becomes a problem response.
            return new ChatStreamResult(enumerator, await enumerator.MoveNextAsync(), call, logger);
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
        response.Headers.CacheControl = "no-cache";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var cancellationToken = httpContext.RequestAborted;
        var (chunks, chars, model, finish) = (0, 0, _call.DefaultModel, (ChatFinishReason?)null);
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
                    await WriteAsync(response, null, new ChatChunk(update.Text), ChatJsonContext.Default.ChatChunk, cancellationToken);
                    (chunks, chars) = (chunks + 1, chars + update.Text.Length);
                }
            }

            var reason = ChatReplies.FinishReasonOf(finish);
            var done = new ChatDone(reason, model, reason == ChatReplies.Safety ? ChatReplies.SafetyMessage : null);
            await WriteAsync(response, "done", done, ChatJsonContext.Default.ChatDone, cancellationToken);
            Log.ChatStreamed(_logger, _call.Function, _call.RequestId, chunks, chars, reason, usage?.InputTokenCount, usage?.OutputTokenCount, _call.ElapsedMs);
        }
        catch (Exception exception) when (ChatProblems.Map(exception) is { } problem && !cancellationToken.IsCancellationRequested)
        {
            // The status line is gone: tell the client in-band, then end the stream.
            var status = problem.StatusCode;
            Log.ChatStreamBroken(_logger, _call.Function, _call.RequestId, chunks, exception.GetType().Name);
            await WriteAsync(response, "error", new ChatStreamError(status, problem.Details.Title ?? "Chat failed."),
                ChatJsonContext.Default.ChatStreamError, cancellationToken);
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

    private static async Task WriteAsync<T>(HttpResponse response, string? eventType, T data, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (eventType is not null)
        {
            text.Append("event: ").Append(eventType).Append('\n');
        }

        // JSON escapes new lines, so one data line carries the whole event.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, type)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
