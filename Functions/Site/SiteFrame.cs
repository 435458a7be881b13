using System.Text;
using System.Text.Encodings.Web;
using HealthOracle.Diseases;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Site;

/// <summary>
/// The site's frame around the HTML pages this app answers (the no-JavaScript result, error and assistant
/// pages): the same skip link, header, navigation and footer as site/js/views.js draws, the site's
/// stylesheet and icon, so that a person never leaves the site's look or loses the way back. Every text
/// is HTML-encoded.
/// </summary>
internal sealed class SiteFrame(IOptions<SiteOptions> options)
{
    /// <summary>Used only when no site is configured: enough to read the page comfortably.</summary>
    private const string FallbackStyle =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1f24;background:#fff}" +
        "main{max-width:46rem;margin:auto}.risk-percent{font-size:2rem;font-weight:700}.notice,.disclaimer{border-left:4px solid #7a5200;padding-left:.75rem}" +
        "table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem .25rem 0;border-bottom:1px solid #c5ccd6}" +
        ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>The site's navigation, in the order site/js/views.js draws it: (page, text, key). Add a page here and there.</summary>
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

    /// <summary>The site's address, or null when none is configured.</summary>
    public Uri? Site { get; } = options.Value.BaseUri;

    /// <summary>The address of one of the site's pages, or null without a site.</summary>
    public string? PageUrl(string page) => Site is null ? null : new Uri(Site, page).AbsoluteUri;

    public static string Encode(string text) => Encoder.Encode(text);

    /// <summary>Starts a page: head, skip link, header with <paramref name="active"/> marked, and the open main with its h1.</summary>
    public StringBuilder Begin(string title, string? active)
    {
        var page = new StringBuilder(8192)
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"robots\" content=\"noindex\"><title>").Append(Encode(title)).Append(" · HealthOracle</title>");
        if (Site is null)
        {
            page.Append("<link rel=\"icon\" href=\"data:,\"><style>").Append(FallbackStyle).Append("</style></head><body>");
        }
        else
        {
            page.Append("<link rel=\"icon\" href=\"").Append(Encode(PageUrl("favicon.svg")!)).Append("\" type=\"image/svg+xml\">")
                .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(PageUrl("css/site.css")!)).Append("\"></head><body>")
                .Append("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>")
                .Append("<header class=\"site-header\"><div class=\"wrap\"><a class=\"brand\" href=\"").Append(Encode(PageUrl("index.html")!)).Append("\">HealthOracle</a>")
                .Append("<nav aria-label=\"Main\"><ul>");
            foreach (var (target, text, key) in Navigation)
            {
                page.Append("<li><a href=\"").Append(Encode(PageUrl(target)!)).Append('"').Append(key == active ? " aria-current=\"page\"" : "").Append('>')
                    .Append(Encode(text)).Append("</a></li>");
            }

            page.Append("</ul></nav></div></header>");
        }

        return page.Append("<main id=\"main\" class=\"wrap\" tabindex=\"-1\"><h1>").Append(Encode(title)).Append("</h1>");
    }

    /// <summary>Closes main and the page with the site's footer.</summary>
    public string End(StringBuilder page, string disclaimer) => page
        .Append("</main><footer class=\"site-footer\"><div class=\"wrap\"><p><strong>Not a diagnosis. </strong>").Append(Encode(disclaimer))
        .Append("</p></div></footer></body></html>").ToString();
}
