using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// Where <c>post_login_redirect_uri</c> and <c>post_logout_redirect_uri</c> may send the browser: a path on
/// the API's own origin (<c>/…</c>, never <c>//…</c>), or an absolute http(s) URL whose origin is listed in
/// <c>Host.CORS</c> (the site). Nothing else, and never any origin for <c>*</c>: no open redirect.
/// Only visible ASCII without a backslash is accepted, so that the value is a safe <c>Location</c>.
/// </summary>
internal sealed class RedirectPolicy(LocalSettings settings)
{
    private readonly HashSet<string> _origins = settings.CorsOrigins
        .Select(Origin)
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The origins listed in <c>Host.CORS</c> (never <c>*</c>), lowercase, as <c>scheme://host[:port]</c>.</summary>
    public IReadOnlyCollection<string> Origins => _origins;

    /// <summary>
    /// Whether a form post to the API's own <c>/.auth</c> routes comes from a page this deployment trusts, by what
    /// the browser says (a browser always sends <c>Origin</c> on a cross-site POST, and <c>Sec-Fetch-Site</c> when it
    /// knows it): the API's own origin or one in <c>Host.CORS</c>. A request with neither header is not a browser's
    /// (a program, a test), and nothing can make a browser send it. This stops login CSRF: a page elsewhere signing a
    /// visitor in as someone else.
    /// </summary>
    public bool IsTrustedPost(HttpRequest request)
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

        var own = $"{request.Scheme}://{request.Host.Value}".ToLowerInvariant();
        return origin.Equals(own, StringComparison.OrdinalIgnoreCase) || _origins.Contains(origin.ToLowerInvariant());
    }

    /// <summary>The <c>Location</c> to send for <paramref name="requested"/>, or null when it is not allowed.</summary>
    public string? Resolve(string requested)
    {
        if (requested.Length == 0 || requested.Any(c => c is <= ' ' or > '~' or '\\'))
        {
            return null;
        }

        if (requested[0] == '/')
        {
            return requested.Length > 1 && requested[1] == '/' ? null : requested;
        }

        return Uri.TryCreate(requested, UriKind.Absolute, out var uri) && Origin(uri) is { } origin && _origins.Contains(origin)
            ? uri.AbsoluteUri
            : null;
    }

    private static string? Origin(string configured) =>
        Uri.TryCreate(configured.Trim().TrimEnd('/'), UriKind.Absolute, out var uri) ? Origin(uri) : null;

    private static string? Origin(Uri uri) =>
        (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0 && uri.Host.Length > 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
