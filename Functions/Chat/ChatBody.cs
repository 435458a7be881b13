using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Chat;

/// <summary>Reads a chat request's JSON body: 415 for another content type, 413 past the limit, 400 for bad JSON.</summary>
internal static class ChatBody
{
    // A full message, a full history (JSON-escaped) and a prediction fit well within this.
    public const int MaxBytes = 64 * 1024;

    /// <summary>The serializer's default nesting limit, applied to the text check as well.</summary>
    private const int MaxDepth = 64;

    /// <summary>A field's path is echoed in an error's key at most this long.</summary>
    private const int MaxFieldChars = 64;

    public static async Task<(T? Value, Problem? Problem)> ReadAsync<T>(
        HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (RequestBody.KindOf(request.ContentType) is not (BodyKind.None or BodyKind.Json))
        {
            return (null, ChatProblems.UnsupportedMediaType(RequestBody.UnreadableCharset(request.ContentType)));
        }

        using var body = await RequestBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, ChatProblems.TooLarge(MaxBytes));
        }

        // Text that is not UTF-8, or escapes that make no text, would throw wherever a string is read later
        // (a prediction's inputs stay JsonElements): refused here, once, for the whole body.
        var json = JsonText.WithoutByteOrderMark(body.Span);
        if (JsonText.Check(json, MaxDepth) is { } text)
        {
            return (null, ChatProblems.Invalid("body", text));
        }

        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            return value is null ? (null, ChatProblems.Invalid("body", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            // The path names the field; the message would echo the body, so it is not used. A path can hold a
            // name as long as the body (found by the fuzzer, bench/Fuzz/findings/chat/): it is shortened.
            var field = exception.Path is { Length: > 2 } path ? Shorten(path[2..]) : "body";
            return (null, ChatProblems.Invalid(field, "The body is not valid JSON for this request."));
        }
    }

    private static string Shorten(string field) => field.Length <= MaxFieldChars ? field : string.Concat(field.AsSpan(0, MaxFieldChars), "…");
}
