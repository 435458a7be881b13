using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// The one way the app reads a request body, for every route: the declared length against the route's limit
/// (413), the content type and charset (415: only what the route takes, only UTF-8), a bounded read (413), an
/// empty body (400), then JSON as checked UTF-8 or a form parsed within the form limits (a malformed one is 400).
/// What the route makes of it follows: the patients' streaming reader, or <see cref="ReadJsonAsync{T}"/> for a
/// small typed body. Every problem is the catalogue's (<see cref="Problems"/>), with the route's own words.
/// </summary>
internal static class RequestBodyReader
{
    public static async ValueTask<(ReceivedBody? Body, Problem? Problem)> ReadAsync(HttpRequest request, BodyRules rules, CancellationToken cancellationToken)
    {
        if (request.ContentLength > rules.MaxBytes)
        {
            return (null, Problems.BodyTooLarge(rules.MaxBytes));
        }

        if (ContentTypes.UnreadableCharset(request.ContentType) is { } charset)
        {
            return (null, Problems.UnsupportedCharset(charset));
        }

        var kind = ContentTypes.KindOf(request.ContentType);
        if (kind == BodyKind.None && request.ContentLength is null or 0)
        {
            return (null, Problems.EmptyBody(rules.WhatToSend));
        }

        if (!((kind == BodyKind.Json && rules.TakesJson) || (kind == BodyKind.Form && rules.TakesForms)))
        {
            return (null, Problems.UnsupportedMediaType(rules.Accepted));
        }

        var limit = kind == BodyKind.Json ? rules.MaxJsonBytes : rules.MaxFormBytes;
        var (buffer, length) = await ReceivedBody.ReadBoundedAsync(request, limit, cancellationToken);
        if (buffer is null)
        {
            return (null, Problems.BodyTooLarge(limit));
        }

        var body = kind == BodyKind.Json ? Json(buffer, length) : await FormAsync(request, rules, buffer, length, cancellationToken);
        if (body.Problem is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            return (null, body.Problem);
        }

        return (body.Body, null);

        (ReceivedBody? Body, Problem? Problem) Json(byte[] buffer, int length)
        {
            var text = buffer.AsSpan(0, length);
            var start = JsonText.ByteOrderMarkLength(text);
            if (text[start..].Trim(" \t\r\n"u8).IsEmpty)
            {
                return (null, Problems.EmptyBody(rules.WhatToSend));
            }

            return JsonText.CheckEncoding(text[start..]) is { } encoding
                ? (null, Problems.Malformed(encoding))
                : (ReceivedBody.OfJson(buffer, start, length - start), null);
        }
    }

    /// <summary>
    /// A small JSON body as <typeparamref name="T"/> (the serializer, source-generated): checked as every JSON
    /// body is (<see cref="JsonText.Check"/>: text, depth, duplicate names), then a value that does not fit the
    /// type is a 400 naming its path.
    /// </summary>
    public static async ValueTask<(T? Value, Problem? Problem)> ReadJsonAsync<T>(HttpRequest request, BodyRules rules, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadAsync(request, rules, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using (body)
        {
            var (value, errors) = JsonBody.Parse(body.Json, type);
            return value is not null ? (value, null) : (null, Problems.Invalid(rules.InvalidType, errors!));
        }
    }

    private static async ValueTask<(ReceivedBody? Body, Problem? Problem)> FormAsync(
        HttpRequest request, BodyRules rules, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        // The body has been read to enforce the limit; the framework's form reader parses a copy within the
        // form limits, and past them stops reading and throws.
        request.Body = new MemoryStream(buffer, 0, length, writable: false);
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, rules.FormLimits));
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (ReceivedBody.OfForm(buffer, form), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, Problems.Malformed(
                $"The form could not be read: it is not valid urlencoded or multipart data, or it has more than {BodyRules.MaxFormValues} values or a name longer than {BodyRules.MaxFormNameChars} characters."));
        }
    }
}
