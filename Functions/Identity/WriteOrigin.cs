using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Identity;

/// <summary>
/// Whether a signed-in person's write comes from a page this deployment trusts, by what the browser says about
/// where the request came from. The platform's sign-in is a cookie, and a browser attaches it to a form any web page
/// posts (cross-site request forgery); only the browser's own <c>Sec-Fetch-Site</c> and <c>Origin</c> headers, which no
/// page's script can set, tell the site's requests from another page's:
/// <list type="number">
/// <item><c>Sec-Fetch-Site: same-origin</c> (or <c>none</c>: the person's own navigation): trusted.</item>
/// <item>An <c>Origin</c>: trusted when it is the API's own origin, the site's (<c>Site__Url</c>) or one listed in
/// <c>SignedInWrites__AllowedOrigins</c> (the origins the platform's CORS allows with credentials); refused
/// otherwise, <c>null</c> included.</item>
/// <item>Neither header: not a browser (every browser in use sends <c>Origin</c> on a cross-site POST, PUT, PATCH or
/// DELETE), so nothing was forged on anyone's behalf: trusted. Programs and tests that hold a cookie keep working.</item>
/// </list>
/// The same rule as Go's <c>http.CrossOriginProtection</c>. See docs/accounts.md, "Writes from other sites".
/// </summary>
internal sealed class WriteOrigin(IOptions<WriteOriginOptions> options, IConfiguration configuration)
{
    private readonly HashSet<string> _trusted = Trusted(options.Value.AllowedOrigins, configuration["Site:Url"]);

    /// <summary>What the person is told when a write was refused (never the origin the request claimed).</summary>
    public const string RefusedReason =
        "This request came from a page on another site, so nothing was saved or changed: your history can only be changed from this service's own pages.";

    /// <summary>True when <paramref name="request"/> comes from a trusted page, or from no browser at all.</summary>
    public bool IsTrusted(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "same-origin" or "none")
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return fetchSite.Length == 0;
        }

        return origin.Equals($"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
            || _trusted.Contains(origin.ToLowerInvariant());
    }

    private static HashSet<string> Trusted(string? listed, string? siteUrl) =>
        (listed ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Append(siteUrl ?? "")
            .Select(OriginOf)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

    /// <summary><c>scheme://host[:port]</c> in lowercase for an http(s) URL, else null (so <c>*</c> trusts nothing).</summary>
    private static string? OriginOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}

/// <summary>
/// The origins, besides the API's own and the site's (<c>Site__Url</c>), whose pages may change a signed-in person's
/// data: <c>SignedInWrites__AllowedOrigins</c>, a comma list, the same origins as the platform's CORS with
/// credentials (the worker cannot read the platform's CORS settings).
/// </summary>
internal sealed class WriteOriginOptions
{
    public const string Section = "SignedInWrites";

    public string? AllowedOrigins { get; set; }
}
