using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// A form a page posts (urlencoded or multipart), read within a route's byte limit and the patient form's value
/// limits: the form, or the problem (413 past the limit, 415 for another content type, 400 for a form that does
/// not parse).
/// </summary>
internal static class PageForm
{
    public static async Task<(IFormCollection? Form, Problem? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (RequestBody.KindOf(request.ContentType) != BodyKind.Form || RequestBody.UnreadableCharset(request.ContentType) is not null)
        {
            return (null, RequestProblems.UnsupportedMediaType);
        }

        using var body = await RequestBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "Body too large", $"This form may send at most {maxBytes / 1024} KB."));
        }

        request.Body = new MemoryStream(body.Span.ToArray(), writable: false);
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, PredictionRequestReader.FormLimits));
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, RequestProblems.Malformed("The form could not be read: it is not valid urlencoded or multipart data, or it has too many values."));
        }
    }

    /// <summary>What a person reads for a problem that is not about one field.</summary>
    public static string Reason(Problem problem) =>
        problem.Details.Detail ?? problem.Details.Title ?? "Something went wrong. Please try again.";
}
