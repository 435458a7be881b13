using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// DevHost's own answers as RFC 9457 problem details, shaped as the app's (ASP.NET Core's defaults:
/// <c>type</c> links the status's RFC section, <c>title</c> is its reason phrase), so that a caller meets
/// one error format whether DevHost or the worker answered.
/// </summary>
internal static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>How long a caller should wait before trying again when the worker is (re)starting.</summary>
    public const int RetryAfterSeconds = 5;

    private static readonly Dictionary<int, string> Types = new()
    {
        [400] = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        [401] = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        [404] = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        [405] = "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        [408] = "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        [413] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [414] = "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        [415] = "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        [431] = "https://tools.ietf.org/html/rfc6585#section-5",
        [500] = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        [502] = "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        [503] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        [504] = "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        [505] = "https://tools.ietf.org/html/rfc9110#section-15.6.6",
    };

    /// <summary>
    /// Answers <paramref name="status"/> with a problem body (replacing anything not yet sent). A 503 carries
    /// <c>Retry-After</c>, a 405 the <paramref name="allow"/>ed methods. <paramref name="errors"/> names
    /// fields, as the app's validation problems do.
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null, string? allow = null)
    {
        var body = Serialize(status, detail, errors);
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        if (allow is not null)
        {
            context.Response.Headers.Allow = allow;
        }

        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static byte[] Serialize(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (Types.TryGetValue(status, out var type))
            {
                json.WriteString("type", type);
            }

            json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (errors is { Count: > 0 })
            {
                json.WriteStartObject("errors");
                foreach (var (field, messages) in errors)
                {
                    json.WriteStartArray(field);
                    foreach (var message in messages)
                    {
                        json.WriteStringValue(message);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
