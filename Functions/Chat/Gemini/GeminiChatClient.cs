using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>
/// Gemini over REST as an <see cref="IChatClient"/>: <c>generateContent</c> for whole answers and
/// <c>streamGenerateContent?alt=sse</c> for streamed ones. Nothing happens at construction: the target
/// (and, for Vertex AI, the credential) is resolved on the first call, so the app starts and predicts
/// with no Gemini configuration at all.
/// </summary>
internal sealed class GeminiChatClient(
    IHttpClientFactory httpClientFactory,
    GeminiTargetFactory targets,
    IOptions<GeminiOptions> options,
    ILogger<GeminiChatClient> logger) : IChatClient
{
    public const string HttpClientName = "Gemini";

    private readonly GeminiOptions _settings = options.Value;
    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds));
    private GeminiTarget? _target;

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? _settings.Model;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await SendAsync(messages, options, model, stream: false, timeout.Token);
            var body = await ReadAsync(response.Content, GeminiJsonContext.Default.GenerateContentResponse, timeout.Token);
            var result = GeminiResponseMapper.ToResponse(body, model);
            Log.GeminiAnswered(logger, Target.Kind, model, result.FinishReason?.Value, result.Usage?.InputTokenCount,
                result.Usage?.OutputTokenCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.GeminiTimedOut(logger, Target.Kind, model, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new GeminiTimeoutException(_timeout);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? _settings.Model;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        await using var updates = StreamAsync(messages, options, model, timeout.Token).GetAsyncEnumerator(timeout.Token);
        var chunks = 0;
        while (true)
        {
            // C# cannot yield inside a try with a catch: advance inside it, yield outside.
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Log.GeminiTimedOut(logger, Target.Kind, model, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                throw new GeminiTimeoutException(_timeout);
            }

            chunks++;
            yield return updates.Current;
        }

        Log.GeminiStreamed(logger, Target.Kind, model, chunks, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("gemini", defaultModelId: _settings.Model)
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    // Built on first use; a failure (not configured) is not kept, and a race builds one spare at most.
    private GeminiTarget Target => LazyInitializer.EnsureInitialized(ref _target, targets.Create);

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string model, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(messages, options, model, stream: true, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(cancellationToken))
        {
            var chunk = Parse(item.Data, GeminiJsonContext.Default.GenerateContentResponse);
            yield return GeminiResponseMapper.ToUpdate(chunk, model);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, string model, bool stream, CancellationToken cancellationToken)
    {
        var target = Target;
        var payload = GeminiRequestMapper.ToRequest(messages, options, _settings);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.MethodUri(model, stream))
        {
            Content = JsonContent.Create(payload, GeminiJsonContext.Default.GenerateContentRequest),
        };
        await target.AuthorizeAsync(request, cancellationToken);
        HttpResponseMessage response;
        try
        {
            // Retries on 429 and 503 happen inside the client's resilience handler.
            response = await httpClientFactory.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new GeminiUpstreamException(null, "connection failed", exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var status = await ErrorStatusAsync(response, cancellationToken);
                Log.GeminiFailed(logger, target.Kind, model, (int)response.StatusCode, status);
                throw target.Refused((int)response.StatusCode, status)
                    ?? new GeminiUpstreamException((int)response.StatusCode, status ?? response.ReasonPhrase ?? "error");
            }
        }

        target.Accepted();
        return response;
    }

    // Gemini's error body names a status such as RESOURCE_EXHAUSTED; its message is not logged.
    private static async Task<string?> ErrorStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(GeminiJsonContext.Default.GeminiErrorResponse, cancellationToken);
            return error?.Error?.Status;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpContent content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadFromJsonAsync(type, cancellationToken) ?? throw new GeminiUpstreamException(200, "empty answer");
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException)
        {
            throw new GeminiUpstreamException(200, "malformed answer", exception);
        }
    }

    private static T Parse<T>(string data, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(data, type) ?? throw new GeminiUpstreamException(200, "empty chunk");
        }
        catch (JsonException exception)
        {
            throw new GeminiUpstreamException(200, "malformed chunk", exception);
        }
    }
}
