using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Fhir;

/// <summary>A FHIR resource as <c>application/fhir+json</c> with its status (and, for a 503, when to come back).</summary>
internal sealed class FhirResult(int status, Resource resource, int? retryAfterSeconds = null) : IResult
{
    public int StatusCode => status;

    public Resource Resource => resource;

    public static FhirResult Error(int status, OperationOutcome.IssueType type, string message, int? retryAfterSeconds = null) =>
        new(status, FhirIssue.Outcome(type, message), retryAfterSeconds);

    /// <summary>An edge problem (body too large, wrong media type, malformed…) as an OperationOutcome with the same status.</summary>
    public static FhirResult From(Infrastructure.Problem problem) => Error(
        problem.StatusCode,
        problem.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
            StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
            StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
            StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
            _ => OperationOutcome.IssueType.Invalid,
        },
        string.Join(" ", new[] { problem.Details.Title, problem.Details.Detail }.Where(s => !string.IsNullOrEmpty(s))),
        problem.RetryAfterSeconds);

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var body = FhirJson.Serialize(resource);
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
