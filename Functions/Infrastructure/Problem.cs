using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// An RFC 9457 problem answer (application/problem+json) and, for a 429 or 503, when to come back: the
/// <c>Retry-After</c> header is part of the result and written with it, never set on the response aside.
/// </summary>
internal sealed class Problem(ProblemDetails details, int? retryAfterSeconds = null) : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>
{
    public ProblemDetails Details { get; } = details;

    /// <summary>Seconds after which a retry may succeed, sent as <c>Retry-After</c>; null for none.</summary>
    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public int StatusCode => Details.Status ?? StatusCodes.Status500InternalServerError;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    ProblemDetails? IValueHttpResult<ProblemDetails>.Value => Details;

    /// <summary>Per-field messages of a 400, or null.</summary>
    public IDictionary<string, string[]>? Errors => (Details as HttpValidationProblemDetails)?.Errors;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

            // A browser's script may read only the CORS-safelisted headers unless told otherwise; the
            // host's CORS (Azure's or DevHost's) allows the origin, this lets the site read the wait.
            httpContext.Response.Headers.AccessControlExposeHeaders = "Retry-After";
        }

        return TypedResults.Problem(WithIds(Correlation.RequestIds.Of(httpContext))).ExecuteAsync(httpContext);
    }

    /// <summary>The code of this problem's kind (<see cref="ProblemTypes"/>).</summary>
    public string? Code => Details.Extensions.TryGetValue("code", out var code) ? code as string : null;

    // The details may be shared (a problem built once); this answer's ids go on a copy.
    private ProblemDetails WithIds(Correlation.RequestIds? ids)
    {
        if (ids is null)
        {
            return Details;
        }

        ProblemDetails copy = Details is HttpValidationProblemDetails validation ? new HttpValidationProblemDetails(validation.Errors) : new ProblemDetails();
        (copy.Type, copy.Title, copy.Status, copy.Detail, copy.Instance) = (Details.Type, Details.Title, Details.Status, Details.Detail, Details.Instance);
        foreach (var (key, value) in Details.Extensions)
        {
            copy.Extensions[key] = value;
        }

        copy.Extensions["requestId"] = ids.RequestId;
        copy.Extensions["traceId"] = ids.TraceId;
        return copy;
    }
}
