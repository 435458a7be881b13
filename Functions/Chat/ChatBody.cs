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

        var (value, field, message) = JsonBody.Parse(body.Span, type, MaxDepth, "The body is not valid JSON for this request.");
        return value is not null ? (value, null) : (null, ChatProblems.Invalid(field!, message!));
    }
}
