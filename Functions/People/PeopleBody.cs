using System.Text.Json.Serialization.Metadata;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.People;

/// <summary>A small JSON body of a signed-in route: 415 for another content type, 413 past 4 KB, 400 naming the field that does not parse.</summary>
internal static class PeopleBody
{
    public const int MaxBytes = 4 * 1024;

    /// <summary>The serializer's default nesting limit, applied to the text check as well.</summary>
    private const int MaxDepth = 64;

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

        var (value, field, message) = JsonBody.Parse(body.Span, type, MaxDepth, "This field is unknown or its value has the wrong type.");
        return value is not null ? (value, null) : (null, PeopleProblems.Invalid(field!, message!));
    }
}
