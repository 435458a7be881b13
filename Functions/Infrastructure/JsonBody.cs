using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// A small JSON body (already read within its limit by <see cref="RequestBody"/>) into its type, the one way the
/// chat and the signed-in routes do it: text that is not UTF-8, or escapes that make no text, refused first (they
/// would throw wherever a string is read later); a parse error named by its path, shortened, never by the
/// parser's message (it would echo the body).
/// </summary>
internal static class JsonBody
{
    /// <summary>The value, or the field to name (<c>body</c> for the whole) and what is wrong with it.</summary>
    public static (T? Value, string? Field, string? Message) Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> type, int maxDepth, string typeMismatch)
        where T : class
    {
        var json = JsonText.WithoutByteOrderMark(body);
        if (JsonText.Check(json, maxDepth) is { } text)
        {
            return (null, "body", text);
        }

        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            return value is null ? (null, "body", "The body must be a JSON object.") : (value, null, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? JsonText.Echo(path[2..]) : "body";
            return (null, field, typeMismatch);
        }
    }
}
