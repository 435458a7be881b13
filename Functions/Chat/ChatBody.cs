using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthOracle.Functions.Chat;

/// <summary>Reads a bounded JSON body: 415 for another content type, 413 past the limit, 400 for bad JSON.</summary>
internal static class ChatBody
{
    // A full message, a full history (JSON-escaped) and a prediction fit well within this.
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            return (null, ChatProblems.UnsupportedMediaType());
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, ChatProblems.TooLarge(MaxBytes));
        }

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.WrittenCount + read > MaxBytes)
            {
                return (null, ChatProblems.TooLarge(MaxBytes));
            }

            buffer.Write(chunk.AsSpan(0, read));
        }

        try
        {
            var value = JsonSerializer.Deserialize(buffer.WrittenSpan, type);
            return value is null ? (null, ChatProblems.Invalid("body", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            // The path names the field; the message would echo the body, so it is not used.
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            return (null, ChatProblems.Invalid(field, "The body is not valid JSON for this request."));
        }
    }
}
