using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>What a page's head says and loads.</summary>
/// <param name="Title">The page's title (the site's name is added).</param>
/// <param name="Active">The navigation entry marked as the current page (its key), or null.</param>
/// <param name="Description">The search engines' summary (built pages only).</param>
/// <param name="Scripts">The built page's module scripts (site-relative), besides the navigation's.</param>
/// <param name="Head">Extra markup for the built page's head (the API reference's viewer).</param>
internal sealed record PageHead(string Title, string? Active, string? Description = null, IReadOnlyList<string>? Scripts = null, string? Head = null);

/// <summary>
/// The frame of every page, built or answered by the API: skip link, header with the navigation (from the
/// disease catalogue), the open <c>main</c>, and the footer with the one disclaimer the API gives. A page the
/// API answers loads the site's stylesheet from the site's address and runs no script.
/// </summary>
internal static class SiteFrame
{
    /// <summary>Used only by pages the API answers when no site is configured: enough to read comfortably.</summary>
    private const string FallbackStyle =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1f24;background:#fff}" +
        "main{max-width:46rem;margin:auto}.risk-percent{font-size:2rem;font-weight:700}.notice,.disclaimer{border-left:4px solid #7a5200;padding-left:.75rem}" +
        "table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem .25rem 0;border-bottom:1px solid #c5ccd6}" +
        ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}svg{display:none}";

    /// <summary>Every page's script: the navigation's sign-in link and the forms' enhancement.</summary>
    private static readonly string[] CommonScripts = ["js/account/nav.js", "js/enhance.js"];

    /// <summary>The site's navigation: (page, text, key). The one list; a new page adds its entry here.</summary>
    public static IReadOnlyList<(string Page, string Text, string Key)> Navigation { get; } =
    [
        ("index.html", "Home", "home"),
        .. DiseaseCatalog.All.Select(d => ($"{d.Key}.html", d.ShortName, d.Key)),
        ("chat.html", "Assistant", "chat"),
        ("history.html", "History", "history"),
        ("account.html", "Account", "account"),
        ("api.html", "API", "api"),
        ("about.html", "About", "about"),
    ];

    /// <summary>Starts a page: head, skip link, header, and the open <c>main</c> (the page writes its own h1).</summary>
    public static StringBuilder Begin(SiteLinks links, PageHead head)
    {
        var page = new StringBuilder(16 * 1024)
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (links.Answered)
        {
            page.Append("<meta name=\"robots\" content=\"noindex\">");
        }
        else if (head.Description is { } description)
        {
            page.Append("<meta name=\"description\"").Attr("content", description).Append('>');
        }

        page.Append("<title>").Text(head.Title).Append(" · HealthOracle</title>");
        if (!links.HasSite)
        {
            return page.Append("<link rel=\"icon\" href=\"data:,\"><style>").Append(FallbackStyle).Append("</style></head><body>")
                .Append("<main id=\"main\" tabindex=\"-1\">");
        }

        page.Append("<link rel=\"icon\"").Attr("href", links.Page("favicon.svg")).Append(" type=\"image/svg+xml\">")
            .Append("<link rel=\"stylesheet\"").Attr("href", links.Page("css/site.css")).Append('>');
        if (!links.Answered)
        {
            page.Append(head.Head);
            foreach (var script in (head.Scripts ?? []).Concat(CommonScripts))
            {
                page.Append("<script type=\"module\"").Attr("src", script).Append("></script>");
            }
        }

        page.Append("</head><body><a class=\"skip-link\" href=\"#main\">Skip to main content</a>")
            .Append("<header class=\"site-header\"><div class=\"wrap\"><a class=\"brand\"").Attr("href", links.Page("index.html")).Append(">HealthOracle</a>")
            .Append("<nav aria-label=\"Main\"><ul>");
        foreach (var (target, text, key) in Navigation)
        {
            page.Append("<li><a").Attr("href", links.Page(target)).Append(key == head.Active ? " aria-current=\"page\"" : "").Append('>').Text(text).Append("</a></li>");
        }

        if (!links.Answered)
        {
            // Shown by js/account/nav.js once it knows whether someone is signed in (on the API's origin).
            page.Append("<li class=\"account-link\" hidden><a data-sign-in href=\"#\">Sign in</a></li>")
                .Append("<li class=\"account-link\" hidden><a data-sign-out href=\"#\">Sign out</a></li>");
        }

        return page.Append("</ul></nav></div></header><main id=\"main\" class=\"wrap\" tabindex=\"-1\">");
    }

    /// <summary>Closes <c>main</c> and the page with the footer: the disclaimer every answer of the API carries.</summary>
    public static string End(StringBuilder page, SiteLinks links)
    {
        page.Append("</main><footer class=\"site-footer\"><div class=\"wrap\"><p><strong>Not a diagnosis.</strong> ").Text(Disclaimers.NotADiagnosis).Append("</p>");
        if (links.Page("about.html") is { } about)
        {
            page.Append("<p><a").Attr("href", about).Append(">About HealthOracle, its models and your data</a></p>");
        }

        return page.Append("</div></footer></body></html>").ToString();
    }
}
