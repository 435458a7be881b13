using HealthOracle.Functions.Predictions.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Turns a prediction request into validated patients or a problem: content type (415), size (413),
/// then the body's format and every field's rules (400).
/// </summary>
internal static class PredictionRequestReader
{
    private enum BodyKind
    {
        Json,
        Form,
    }

    public static async ValueTask<(PatientBatch? Batch, RequestProblem? Problem)> ReadAsync(DiseaseSchema schema, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestProblems.MaxBatchBytes)
        {
            return (null, RequestProblems.BatchTooLarge);
        }

        if (Kind(request.ContentType) is not { } kind)
        {
            return (null, string.IsNullOrEmpty(request.ContentType) && request.ContentLength is null or 0 ? RequestProblems.EmptyBody : RequestProblems.UnsupportedMediaType);
        }

        var limit = kind == BodyKind.Json ? RequestProblems.MaxBatchBytes : RequestProblems.MaxPatientBytes;
        var pooled = new StrongBox<byte[]>(ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1));
        try
        {
            var length = await ReadBodyAsync(request.Body, limit, pooled, cancellationToken);
            var buffer = pooled.Value!;
            if (length < 0)
            {
                return (null, kind == BodyKind.Json ? RequestProblems.BatchTooLarge : RequestProblems.PatientTooLarge);
            }

            if (length == 0)
            {
                return (null, RequestProblems.EmptyBody);
            }

            if (kind == BodyKind.Form)
            {
                return await ReadFormAsync(schema, request, buffer, length, cancellationToken);
            }

            var body = buffer.AsSpan(0, length);
            // One patient is an object: hold it to the smaller limit.
            if (length > RequestProblems.MaxPatientBytes && body.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
            {
                return (null, RequestProblems.PatientTooLarge);
            }

            return JsonPatientReader.Read(schema, body);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pooled.Value!);
        }
    }

    private static BodyKind? Kind(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return null;
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        return media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? BodyKind.Form
            : null;
    }

    /// <returns>The body's length, or -1 when it is longer than <paramref name="limit"/>. The buffer
    /// may have been replaced by a larger pooled one.</returns>
    private static async ValueTask<int> ReadBodyAsync(Stream body, int limit, StrongBox<byte[]> buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Value!.Length)
            {
                if (length > limit)
                {
                    return -1;
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(length * 2, limit + 1));
                buffer.Value.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer.Value);
                buffer.Value = larger;
            }

            var read = await body.ReadAsync(buffer.Value.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return length;
            }

            length += read;
            if (length > limit)
            {
                return -1;
            }
        }
    }

    private static async ValueTask<(PatientBatch?, RequestProblem?)> ReadFormAsync(
        DiseaseSchema schema, HttpRequest request, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        // The body has been read to enforce the limit; let the framework's form reader parse the copy.
        request.Body = new MemoryStream(buffer, 0, length, writable: false);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return FormPatientReader.Read(schema, form);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, RequestProblems.Malformed("The form could not be read: it is not valid urlencoded or multipart data."));
        }
    }
}
