namespace HealthOracle.Functions.Site;

/// <summary>
/// Where a page's links and forms go. The built site links its own pages relatively and posts to the API at
/// its configured address; a page the API answers links the site's pages by the site's address (<c>Site__Url</c>,
/// or none) and posts to its own routes. A form also carries its route in <c>data-api-path</c>, so that the
/// site's script posts to the API wherever the page's markup came from.
/// </summary>
/// <param name="SiteBase">The site's address with a trailing slash, "" for relative links, or null when there is no site.</param>
/// <param name="ApiBase">The API's origin ("" for the page's own).</param>
/// <param name="Answered">True for a page the API answers (no scripts, not indexed), false for a page of the built site.</param>
internal sealed record SiteLinks(string? SiteBase, string ApiBase, bool Answered)
{
    /// <summary>The built site: relative links, forms posting to <paramref name="apiBase"/>.</summary>
    public static SiteLinks Built(string apiBase) => new("", apiBase.TrimEnd('/'), Answered: false);

    /// <summary>A page the API answers: the site at <paramref name="site"/> (or none), forms posting to the API's own routes.</summary>
    public static SiteLinks AnsweredBy(Uri? site) => new(site?.AbsoluteUri, "", Answered: true);

    public bool HasSite => SiteBase is not null;

    /// <summary>A page of the site, or null when there is no site to link.</summary>
    public string? Page(string page) => SiteBase is null ? null : SiteBase + page;

    /// <summary>An API route (<c>/api/…</c>) as a form's action.</summary>
    public string Api(string path) => ApiBase + path;

    /// <summary>The platform's sign-in, coming back to <paramref name="page"/> of the site.</summary>
    public string SignIn(string page) =>
        Api("/.auth/login/aad") + (Page(page) is { } back && back.StartsWith("http", StringComparison.Ordinal) ? "?post_login_redirect_uri=" + Uri.EscapeDataString(back) : "");
}
