using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthOracle.Functions.Predictions;

/// <summary>An HTML answer for a browser's form post, with its status and, for a 503, its <c>Retry-After</c>.</summary>
internal sealed class HtmlPage(string html, int statusCode, int? retryAfterSeconds = null) : IResult, IStatusCodeHttpResult
{
    private const string ContentType = "text/html; charset=utf-8";

    public string Html { get; } = html;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Content(Html, ContentType, Encoding.UTF8, StatusCode).ExecuteAsync(httpContext);
    }
}
