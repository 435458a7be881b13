using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>What <see cref="GeminiStandIn"/> answers to one request: realistic Gemini bodies, errors, delays.</summary>
public sealed class GeminiBehavior
{
    private readonly Func<HttpContext, GeminiRecordedRequest, Task> _respond;

    private GeminiBehavior(string name, Func<HttpContext, GeminiRecordedRequest, Task> respond) => (Name, _respond) = (name, respond);

    public string Name { get; }

    /// <summary>A short reply; 12 suggestions when the request asks for JSON output; three chunks when streamed.</summary>
    public static GeminiBehavior Default { get; } = new("default", (context, request) =>
        request.GenerationConfig?["responseMimeType"]?.GetValue<string>() == "application/json"
            ? Suggestions(12)._respond(context, request)
            : Chunks(GeminiStandIn.DefaultReply[..12], GeminiStandIn.DefaultReply[12..40], GeminiStandIn.DefaultReply[40..])._respond(context, request));

    /// <summary>One candidate with <paramref name="text"/> (sent whole, or as one chunk when streamed).</summary>
    public static GeminiBehavior Reply(string text, string finishReason = "STOP") => new("reply", (context, request) =>
        WriteAsync(context, request, [Chunk(text, finishReason, final: true)]));

    /// <summary>Streamed as one SSE event per chunk (the last one carries STOP and usage); whole when not streamed.</summary>
    public static GeminiBehavior Chunks(params string[] chunks) => new("chunks", (context, request) =>
        request.Stream
            ? WriteAsync(context, request, [.. chunks.Select((text, i) => Chunk(text, i == chunks.Length - 1 ? "STOP" : null, i == chunks.Length - 1))])
            : WriteAsync(context, request, [Chunk(string.Concat(chunks), "STOP", final: true)]));

    /// <summary>A JSON-mode answer holding <paramref name="count"/> suggestions.</summary>
    public static GeminiBehavior Suggestions(int count) =>
        Suggestions(Enumerable.Range(1, count).Select(i => $"Suggestion {i}: talk to your doctor about **screening**."));

    public static GeminiBehavior Suggestions(IEnumerable<string> suggestions) =>
        Reply(new JsonObject { ["suggestions"] = new JsonArray([.. suggestions.Select(s => (JsonNode?)JsonValue.Create(s))]) }.ToJsonString());

    /// <summary>An error status with Gemini's error body, and optionally <c>Retry-After</c> in seconds.</summary>
    public static GeminiBehavior Status(int status, int? retryAfterSeconds = null) => new($"status {status}", async (context, _) =>
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var googleStatus = status switch
        {
            429 => "RESOURCE_EXHAUSTED",
            503 => "UNAVAILABLE",
            400 => "INVALID_ARGUMENT",
            _ => "INTERNAL",
        };
        await GeminiStandIn.WriteErrorAsync(context.Response, status, googleStatus, "Scripted failure.");
    });

    /// <summary>Answers the default after <paramref name="delay"/> (or stops waiting when the caller gives up).</summary>
    public static GeminiBehavior Slow(TimeSpan delay) => new("slow", async (context, request) =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await Default._respond(context, request);
    });

    /// <summary>A candidate stopped by the safety filter: no text (streamed: optional text first, then the block).</summary>
    public static GeminiBehavior SafetyBlocked(string? streamedTextFirst = null) => new("safety", (context, request) =>
    {
        var blocked = new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["finishReason"] = "SAFETY",
                ["index"] = 0,
                ["safetyRatings"] = new JsonArray(new JsonObject
                {
                    ["category"] = "HARM_CATEGORY_DANGEROUS_CONTENT",
                    ["probability"] = "HIGH",
                    ["blocked"] = true,
                }),
            }),
            ["usageMetadata"] = Usage(),
            ["modelVersion"] = GeminiStandIn.ModelVersion,
        };
        return WriteAsync(context, request, request.Stream && streamedTextFirst is not null ? [Chunk(streamedTextFirst, null, false), blocked] : [blocked]);
    });

    /// <summary>The prompt itself blocked: no candidates, <c>promptFeedback.blockReason</c>.</summary>
    public static GeminiBehavior PromptBlocked() => new("prompt blocked", (context, request) =>
        WriteAsync(context, request, [new JsonObject
        {
            ["promptFeedback"] = new JsonObject { ["blockReason"] = "SAFETY" },
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 42, ["totalTokenCount"] = 42 },
            ["modelVersion"] = GeminiStandIn.ModelVersion,
        }]));

    /// <summary>HTTP 200 with a body that is not JSON (streamed: an event whose data is not JSON).</summary>
    public static GeminiBehavior Malformed() => new("malformed", async (context, request) =>
    {
        context.Response.ContentType = request.Stream ? "text/event-stream" : "application/json";
        await context.Response.WriteAsync(request.Stream ? "data: {\"candidates\": [{\"content\": \r\n\r\n" : "{\"candidates\": [{\"content\": ");
    });

    /// <summary>Streamed: one good chunk, then an event whose data is not JSON (a stream that breaks off).</summary>
    public static GeminiBehavior BrokenStream(string firstChunk) => new("broken stream", async (context, request) =>
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync($"data: {Chunk(firstChunk, null, false).ToJsonString()}\r\n\r\n");
        await context.Response.Body.FlushAsync();
        await context.Response.WriteAsync("data: {\"candidates\": [\r\n\r\n");
    });

    internal Task RespondAsync(HttpContext context, GeminiRecordedRequest request) => _respond(context, request);

    private static JsonObject Chunk(string text, string? finishReason, bool final)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["role"] = "model",
                ["parts"] = new JsonArray(new JsonObject { ["text"] = text }),
            },
            ["index"] = 0,
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        var chunk = new JsonObject
        {
            ["candidates"] = new JsonArray(candidate),
            ["modelVersion"] = GeminiStandIn.ModelVersion,
            ["responseId"] = "stand-in-response",
        };
        if (final)
        {
            chunk["usageMetadata"] = Usage();
        }

        return chunk;
    }

    private static JsonObject Usage() => new()
    {
        ["promptTokenCount"] = 120,
        ["candidatesTokenCount"] = 48,
        ["totalTokenCount"] = 168,
    };

    private static async Task WriteAsync(HttpContext context, GeminiRecordedRequest request, IReadOnlyList<JsonObject> chunks)
    {
        if (!request.Stream)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(chunks[^1].ToJsonString());
            return;
        }

        // As Gemini does with alt=sse: one data event per chunk, CRLF line ends, flushed as produced.
        context.Response.ContentType = "text/event-stream";
        foreach (var chunk in chunks)
        {
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\r\n\r\n");
            await context.Response.Body.FlushAsync();
        }
    }
}
