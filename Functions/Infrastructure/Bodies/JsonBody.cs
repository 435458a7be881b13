using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// A small JSON body (already read and checked as UTF-8 by <see cref="RequestBodyReader"/>) into its type with the
/// source-generated serializer, after <see cref="JsonText.Check"/>. A value that does not fit is named by its path,
/// shortened, never by the parser's message (it would echo the body).
/// </summary>
internal static class JsonBody
{
    public const string WrongType = "is unknown or its value has the wrong type.";

    public const string NotAnObject = "The body must be a JSON object.";

    /// <summary>The value, or the errors to answer (keyed by field, <c>body</c> for the whole).</summary>
    public static (T? Value, Dictionary<string, string[]>? Errors) Parse<T>(ReadOnlySpan<byte> json, JsonTypeInfo<T> type)
        where T : class
    {
        if (JsonText.Check(json) is { } problem)
        {
            return (null, new() { [problem.Key] = [problem.Message] });
        }

        try
        {
            var value = JsonSerializer.Deserialize(json, type);
            return value is null ? (null, new() { ["body"] = [NotAnObject] }) : (value, null);
        }
        catch (JsonException exception)
        {
            return exception.Path is { Length: > 2 } path
                ? (null, new() { [JsonText.Echo(path[2..])] = [WrongType] })
                : (null, new() { ["body"] = [NotAnObject] });
        }
    }
}
