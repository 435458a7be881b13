using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// The headers every HTTP answer is sent with, decided as the answer starts (whatever wrote it: a function, a
/// problem, a renderer), so that no page or route can forget them:
/// <list type="bullet">
/// <item>every answer: <c>X-Content-Type-Options: nosniff</c>;</item>
/// <item>an HTML answer (the pages a browser without JavaScript gets): no script at all, styles and images only
/// from the site (<c>Site__Url</c>; inline styles only when there is no site, for the fallback style), forms only to
/// this API, no <c>&lt;base&gt;</c>, never framed (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options</c>), no
/// referrer;</item>
/// <item>an answer about a signed-in person, or any <c>/api/me</c> answer: <c>Cache-Control: no-store</c>, so that no
/// cache, shared or the browser's, keeps a profile, a history or an export.</item>
/// </list>
/// </summary>
internal sealed class SecurityHeadersMiddleware(IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    private readonly string _htmlPolicy = HtmlPolicy(SiteOrigin(configuration["Site:Url"]));

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            http.Response.OnStarting(() =>
            {
                Apply(http, _htmlPolicy);
                return Task.CompletedTask;
            });
        }

        return next(context);
    }

    /// <summary>Sets the headers on <paramref name="http"/>'s response, as it starts.</summary>
    internal static void Apply(HttpContext http, string htmlPolicy)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            headers.ContentSecurityPolicy = htmlPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
        }

        if (http.Features.Get<SignedInClient>() is not null || http.Request.Path.StartsWithSegments("/api/me", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }
    }

    /// <summary>The policy of HTML answers: the site (when there is one) may style them, nothing may run in them.</summary>
    internal static string HtmlPolicy(string? siteOrigin) => siteOrigin is null
        ? "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        : $"default-src 'none'; style-src {siteOrigin}; img-src {siteOrigin} data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The origin of the site's address (<c>Site__Url</c>, bound for the pages by Site's options), or null.</summary>
    private static string? SiteOrigin(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
