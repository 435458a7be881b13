using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Turns a prediction request into validated patients or a problem: content type (415), size (413),
/// then the body's format and every field's rules (400).
/// </summary>
internal static class PredictionRequestReader
{
    public static async ValueTask<(PatientBatch? Batch, Problem? Problem)> ReadAsync(DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestProblems.MaxBatchBytes)
        {
            return (null, RequestProblems.BatchTooLarge);
        }

        var kind = RequestBody.KindOf(request.ContentType);
        if (kind is not (BodyKind.Json or BodyKind.Form))
        {
            return (null, kind == BodyKind.None && request.ContentLength is null or 0 ? RequestProblems.EmptyBody : RequestProblems.UnsupportedMediaType);
        }

        var limit = kind == BodyKind.Json ? RequestProblems.MaxBatchBytes : RequestProblems.MaxPatientBytes;
        using var body = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return (null, kind == BodyKind.Json ? RequestProblems.BatchTooLarge : RequestProblems.PatientTooLarge);
        }

        if (body.Length == 0)
        {
            return (null, RequestProblems.EmptyBody);
        }

        if (kind == BodyKind.Form)
        {
            return await ReadFormAsync(disease, request, body, cancellationToken);
        }

        // One patient is an object: hold it to the smaller limit.
        if (body.Length > RequestProblems.MaxPatientBytes && body.Span.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            return (null, RequestProblems.PatientTooLarge);
        }

        return JsonPatientReader.Read(disease, body.Span);
    }

    private static async ValueTask<(PatientBatch?, Problem?)> ReadFormAsync(
        DiseaseDefinition disease, HttpRequest request, RequestBody body, CancellationToken cancellationToken)
    {
        // The body has been read to enforce the limit; let the framework's form reader parse a copy.
        request.Body = new MemoryStream(body.Span.ToArray(), writable: false);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return FormPatientReader.Read(disease, form);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, RequestProblems.Malformed("The form could not be read: it is not valid urlencoded or multipart data."));
        }
    }
}
