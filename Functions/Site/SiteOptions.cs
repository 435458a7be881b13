namespace HealthOracle.Functions.Site;

/// <summary>
/// Where the static site lives (<c>Site__Url</c>, e.g. <c>https://example.azurestaticapps.net/</c>): the
/// HTML pages this app answers to a browser without JavaScript are drawn in the site's frame (its
/// stylesheet, navigation and a way back to the form). Unset, they are plain pages with a note to use the
/// browser's Back button. <c>scripts/run.sh</c> and infra set it.
/// </summary>
internal sealed class SiteOptions
{
    public const string Section = "Site";

    public string? Url { get; set; }

    /// <summary>The site's address as a base for its pages (with a trailing slash), or null when not configured or not http(s).</summary>
    public Uri? BaseUri =>
        Uri.TryCreate(Url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;
}
