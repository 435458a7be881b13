using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthOracle.Functions.Site;

/// <summary>
/// A page the API answers, with its status and, when waiting helps, its <c>Retry-After</c>. Never stored by a cache:
/// it carries a person's values.
/// </summary>
internal sealed class HtmlPage(string html, int statusCode, int? retryAfterSeconds = null) : IResult, IStatusCodeHttpResult
{
    private const string ContentType = "text/html; charset=utf-8";

    public string Html { get; } = html;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            httpContext.Response.Headers.AccessControlExposeHeaders = "Retry-After";
        }

        return TypedResults.Content(Html, ContentType, Encoding.UTF8, StatusCode).ExecuteAsync(httpContext);
    }
}
