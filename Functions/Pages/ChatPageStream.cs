using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ChatLog = HealthOracle.Functions.Chat.Log;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// The assistant's reply to the chat page's script as server-sent events: <c>data: {"text":"…"}</c> per chunk as
/// it arrives (shown as plain text while it streams), then <c>event: done</c> whose <c>html</c> is the page's main
/// region with the reply rendered (the one renderer's Markdown). A failure after the start is an
/// <c>event: error</c> with the main region saying why. The first chunk is fetched before the result is returned,
/// so a failure to start is still a page with its own status.
/// </summary>
internal sealed class ChatPageStream : IResult
{
    private readonly IAsyncEnumerator<ChatResponseUpdate> _updates;
    private readonly bool _started;
    private readonly Func<string, string, string> _done;
    private readonly Func<Problem, string> _failed;
    private readonly ChatCallInfo _call;
    private readonly ILogger _logger;

    private ChatPageStream(IAsyncEnumerator<ChatResponseUpdate> updates, bool started, Func<string, string, string> done, Func<Problem, string> failed, ChatCallInfo call, ILogger logger) =>
        (_updates, _started, _done, _failed, _call, _logger) = (updates, started, done, failed, call, logger);

    /// <param name="done">The main region for the whole reply and its finish reason.</param>
    /// <param name="failed">The main region for a failure after the start.</param>
    public static async Task<ChatPageStream> StartAsync(IAsyncEnumerable<ChatResponseUpdate> updates, Func<string, string, string> done, Func<Problem, string> failed,
        ChatCallInfo call, ILogger logger, CancellationToken cancellationToken)
    {
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            return new ChatPageStream(enumerator, await enumerator.MoveNextAsync(), done, failed, call, logger);
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
        var (chunks, finish) = (0, (ChatFinishReason?)null);
        UsageDetails? usage = null;
        try
        {
            for (var more = _started; more; more = await _updates.MoveNextAsync())
            {
                var update = _updates.Current;
                finish = update.FinishReason ?? finish;
                usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
                if (!string.IsNullOrEmpty(update.Text) && finish != ChatFinishReason.ContentFilter)
                {
                    reply.Append(update.Text);
                    chunks++;
                    await WriteAsync(response, null, new PageEvent(Text: update.Text), cancellationToken);
                }
            }

            var reason = ChatReplies.FinishReasonOf(finish);
            var text = reason == ChatReplies.Safety ? "" : reply.ToString();
            await WriteAsync(response, "done", new PageEvent(Html: _done(text, reason)), cancellationToken);
            ChatLog.ChatStreamed(_logger, _call.Function, _call.RequestId, chunks, reply.Length, reason, usage?.InputTokenCount, usage?.OutputTokenCount, _call.ElapsedMs);
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var problem) && !cancellationToken.IsCancellationRequested)
        {
            ChatLog.ChatStreamBroken(_logger, _call.Function, _call.RequestId, chunks, exception.GetType().Name);
            await WriteAsync(response, "error", new PageEvent(Html: _failed(problem), Status: problem.StatusCode), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ChatLog.ChatStreamBroken(_logger, _call.Function, _call.RequestId, chunks, "client disconnected");
        }
        finally
        {
            await _updates.DisposeAsync();
        }
    }

    private static async Task WriteAsync(HttpResponse response, string? eventType, PageEvent data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (eventType is not null)
        {
            text.Append("event: ").Append(eventType).Append('\n');
        }

        // JSON escapes new lines, so one data line carries the whole event.
        text.Append("data: ").Append(JsonSerializer.Serialize(data, PagesJsonContext.Default.PageEvent)).Append("\n\n");
        await response.WriteAsync(text.ToString(), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

/// <summary>One event of a streamed page: a chunk of text, or the main region's markup (with the status of a failure).</summary>
internal sealed record PageEvent(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Html = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Status = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PageEvent))]
internal sealed partial class PagesJsonContext : JsonSerializerContext;
