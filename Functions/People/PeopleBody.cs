using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.People;

/// <summary>A small JSON body of a signed-in route: 415 for another content type, 413 past 4 KB, 400 naming the field that does not parse.</summary>
internal static class PeopleBody
{
    public const int MaxBytes = 4 * 1024;

    public static async Task<(T? Value, Problem? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (RequestBody.KindOf(request.ContentType) is not BodyKind.Json)
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        }

        using var body = await RequestBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body may be at most {MaxBytes / 1024} KB."));
        }

        try
        {
            var value = JsonSerializer.Deserialize(body.Span, type);
            return value is null ? (null, PeopleProblems.Invalid("body", "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            // The path names the field; the message would echo the value, so it is not used.
            var field = exception.Path is { Length: > 2 } path ? path[2..] : "body";
            return (null, PeopleProblems.Invalid(field, "This field is unknown or its value has the wrong type."));
        }
    }
}
