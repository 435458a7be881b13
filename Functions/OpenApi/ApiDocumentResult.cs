using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HealthOracle.Functions.OpenApi;

/// <summary>The document's bytes with its fingerprint as a strong ETag; a matching <c>If-None-Match</c> is a 304.</summary>
internal sealed class ApiDocumentResult(ApiDocument document) : IResult
{
    // Changes only with a deployment; a cache may keep it a few minutes and then revalidate cheaply.
    private const string CacheControl = "public, max-age=300";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var etag = new EntityTagHeaderValue($"\"{document.Fingerprint}\"");
        var response = httpContext.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = CacheControl;
        var ifNoneMatch = httpContext.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = document.Utf8.Length;
        return response.Body.WriteAsync(document.Utf8, httpContext.RequestAborted).AsTask();
    }
}
