using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// Turns a prediction request into validated patients or a problem: content type (415), size (413),
/// then the body's format and every field's rules (400).
/// </summary>
internal static class PredictionRequestReader
{
    /// <summary>
    /// A patient's form has a few dozen fields (plus buttons and tokens): the framework's defaults (1,024
    /// values, 2 KB names, 4 MB values) are far larger than one form needs.
    /// </summary>
    public static FormOptions FormLimits { get; } = new()
    {
        ValueCountLimit = 256,
        KeyLengthLimit = 256,
        ValueLengthLimit = RequestProblems.MaxPatientBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
        MultipartBoundaryLengthLimit = 70,
        MultipartBodyLengthLimit = RequestProblems.MaxPatientBytes,
        MemoryBufferThreshold = RequestProblems.MaxPatientBytes,
    };

    public static async ValueTask<(PatientBatch? Batch, Problem? Problem)> ReadAsync(DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > RequestProblems.MaxBatchBytes)
        {
            return (null, RequestProblems.BatchTooLarge);
        }

        var kind = RequestBody.KindOf(request.ContentType);
        if (RequestBody.UnreadableCharset(request.ContentType) is { } charset)
        {
            return (null, RequestProblems.UnsupportedCharset(charset));
        }

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
        if (body.Length > RequestProblems.MaxPatientBytes && JsonText.WithoutByteOrderMark(body.Span).TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            return (null, RequestProblems.PatientTooLarge);
        }

        return JsonPatientReader.Read(disease, body.Span);
    }

    private static async ValueTask<(PatientBatch?, Problem?)> ReadFormAsync(
        DiseaseDefinition disease, HttpRequest request, RequestBody body, CancellationToken cancellationToken)
    {
        // The body has been read to enforce the limit; let the framework's form reader parse a copy, within
        // limits sized for one patient's form: past them it stops reading and throws InvalidDataException.
        request.Body = new MemoryStream(body.Span.ToArray(), writable: false);
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, FormLimits));
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return FormPatientReader.Read(disease, form);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, RequestProblems.Malformed(
                $"The form could not be read: it is not valid urlencoded or multipart data, or it has more than {FormLimits.ValueCountLimit} values or a name longer than {FormLimits.KeyLengthLimit} characters."));
        }
    }
}
