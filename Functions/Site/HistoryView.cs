using System.Globalization;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>
/// A signed-in person's pages: the history (saved results newest first, a filter by test, and one risk-over-time
/// chart per test, drawn as SVG here) and one saved result (the result page's own view, with its suggestions).
/// </summary>
internal static class HistoryView
{
    private const double Width = 600, Height = 220, Left = 44, Right = 16, Top = 12, Bottom = 30;

    public static void AppendSignedOut(StringBuilder page, SiteLinks links, string title, string back, string what)
    {
        page.Append("<h1>").Text(title).Append("</h1><p class=\"status\" role=\"status\" data-announce>You are not signed in.</p>");
        AppendSignIn(page, links, back, what, hidden: false);
    }

    /// <summary>What a signed-out person reads instead of their history: why to sign in, and the link (hidden in a page's shell until its script knows).</summary>
    public static void AppendSignIn(StringBuilder page, SiteLinks links, string back, string what, bool hidden)
    {
        page.Append("<div id=\"signed-out\" class=\"signed-out\"").Append(hidden ? " hidden>" : ">")
            .Element("p", null, $"Sign in to {what}. Predictions you make while signed in are saved to your history; you can download or erase everything at any time.")
            .Append("<p><a id=\"sign-in-link\" class=\"button\"").Attr("href", links.SignIn(back)).Append(">Sign in</a></p></div>");
    }

    public static void AppendHistory(StringBuilder page, SiteLinks links, PredictionPage history, string? disease)
    {
        var items = history.Items;
        page.Append("<h1>Your history</h1><p id=\"history-status\" class=\"status\" role=\"status\" data-announce>")
            .Text($"{items.Count} saved result{(items.Count == 1 ? "" : "s")} shown{(history.Continuation is null ? "" : "; older ones are not shown yet")}.").Append("</p>")
            .Append("<div id=\"signed-in\"><form id=\"history-filter\" class=\"history-filter\" method=\"get\" data-enhance").Attr("action", links.Api("/api/pages/history")).Append(" data-api-path=\"/api/pages/history\">")
            .Append("<div class=\"field\"><label for=\"disease-filter\">Show</label><select id=\"disease-filter\" name=\"disease\" data-submit-on-change><option value=\"\">All tests</option>");
        foreach (var d in DiseaseCatalog.All)
        {
            page.Append("<option").Attr("value", d.Key).Append(d.Key == disease ? " selected" : "").Append('>').Text(d.ShortName).Append("</option>");
        }

        page.Append("</select></div><div class=\"actions\"><button type=\"submit\" class=\"button secondary\">Show</button></div></form>");
        if (items.Count > 0)
        {
            page.Append("<section id=\"charts\" class=\"charts\" aria-labelledby=\"charts-heading\"><h2 id=\"charts-heading\">Risk over time</h2>")
                .Append("<p class=\"hint\">Each point is one saved result: the model's estimate on that day, not a diagnosis. Results from different model versions are estimates of different models.</p>");
            foreach (var group in items.GroupBy(i => i.Disease))
            {
                AppendChart(page, DiseaseCatalog.TryGet(group.Key, out var d) ? d.ShortName : group.Key, group.Key, [.. group]);
            }

            page.Append("</section>");
        }

        page.Append("<section aria-labelledby=\"list-heading\"><h2 id=\"list-heading\">Saved results, newest first</h2>");
        if (items.Count == 0)
        {
            page.Append("<p id=\"history-empty\">No saved results yet. Results you get while signed in are saved here.</p>");
        }
        else
        {
            page.Append("<table id=\"history-table\" class=\"history-table\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Test</th><th scope=\"col\">Risk</th>")
                .Append("<th scope=\"col\">Category</th><th scope=\"col\"><span class=\"visually-hidden\">Details</span></th></tr></thead><tbody id=\"history-rows\">");
            foreach (var item in items)
            {
                var name = DiseaseCatalog.TryGet(item.Disease, out var d) ? d.ShortName : item.Disease;
                var category = Enum.TryParse<RiskCategory>(item.Category, out var c) ? c : Risk.Categorize(item.RiskPercentage);
                page.Append("<tr").Attr("data-id", item.Id).Append('>').Element("td", null, Day(item.SavedAt, withTime: true)).Element("td", null, name)
                    .Element("td", null, Percent(item)).Element("td", null, item.Category)
                    .Append("<td><a").Attr("href", links.Page("prediction.html?id=" + Uri.EscapeDataString(item.Id)) ?? links.Api("/api/pages/predictions/" + Uri.EscapeDataString(item.Id)))
                    .Attr("aria-label", $"View the {name} result of {Day(item.SavedAt, withTime: true)}").Append(">View</a></td></tr>");
            }

            page.Append("</tbody></table>");
        }

        if (history.Continuation is { } continuation)
        {
            page.Append("<form class=\"history-more\" method=\"get\" data-enhance").Attr("action", links.Api("/api/pages/history")).Append(" data-api-path=\"/api/pages/history\">")
                .Append("<input type=\"hidden\" name=\"continuation\"").Attr("value", continuation).Append('>');
            if (disease is not null)
            {
                page.Append("<input type=\"hidden\" name=\"disease\"").Attr("value", disease).Append('>');
            }

            page.Append("<div class=\"actions\"><button type=\"submit\" id=\"history-more\" class=\"button secondary\">Show older results</button></div></form>");
        }

        page.Append("</section></div>");
    }

    /// <summary>One saved result: when, the result as it was answered, its suggestions, and a way to delete it.</summary>
    public static void AppendSaved(StringBuilder page, SiteLinks links, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        page.Append("<p><a").Attr("href", links.Page("history.html") ?? links.Api("/api/pages/history")).Append(">Back to your history</a></p>")
            .Append("<h1 id=\"saved-title\">").Text($"{disease.ShortName}: saved result").Append("</h1>")
            .Append("<div id=\"signed-in\">").Element("p", "saved-when", "Saved " + Day(context.At, withTime: true));
        ResultView.Append(page, links, disease, result, context);
        page.Append("<h2>Remove it</h2><div class=\"actions\"><button type=\"button\" id=\"delete-prediction\" class=\"button danger\" data-needs-script hidden")
            .Attr("data-id", context.SavedId).Append(">Delete this result</button></div>")
            .Append("<div id=\"delete-confirm\" class=\"confirm\" role=\"alertdialog\" aria-labelledby=\"delete-confirm-title\" hidden><h3 id=\"delete-confirm-title\">Delete this result?</h3>")
            .Append("<p>The result and the suggestions saved with it are deleted. This cannot be undone.</p><div class=\"actions\">")
            .Append("<button type=\"button\" id=\"delete-yes\" class=\"button danger\">Yes, delete it</button><button type=\"button\" id=\"delete-no\" class=\"button secondary\">Cancel</button></div></div>")
            .Append("<p id=\"saved-status\" class=\"status\" role=\"status\"></p></div>");
    }

    public static string Day(DateTimeOffset at, bool withTime = false) =>
        at.UtcDateTime.ToString(withTime ? "d MMM yyyy, HH:mm 'UTC'" : "d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>0–100 % up, time across, the category bands, one point per result (its words in the point's title and the table).</summary>
    private static void AppendChart(StringBuilder page, string title, string disease, IReadOnlyList<PredictionSummary> items)
    {
        var points = items.OrderBy(i => i.SavedAt).ToArray();
        var (first, last) = (points[0].SavedAt.ToUnixTimeMilliseconds(), points[^1].SavedAt.ToUnixTimeMilliseconds());
        double X(PredictionSummary p) => Left + (last == first ? 0.5 : (double)(p.SavedAt.ToUnixTimeMilliseconds() - first) / (last - first)) * (Width - Left - Right);
        static double Y(double value) => Top + ((1 - (value / 100)) * (Height - Top - Bottom));
        var latest = points[^1];
        var count = $"{points.Length} result{(points.Length == 1 ? "" : "s")}";
        var versions = points.Select(p => p.Model.Version).Distinct().ToArray();
        page.Append("<figure class=\"chart\"").Attr("data-disease", disease).Append("><figcaption>")
            .Text($"{title}: estimated risk, {count}" + (versions.Length > 1 ? $" (model versions {string.Join(", ", versions)})" : "")).Append("</figcaption>")
            .Append("<svg class=\"risk-chart\" viewBox=\"0 0 600 220\" role=\"img\"")
            .Attr("aria-label", $"{title}: {count} from {Day(points[0].SavedAt)} to {Day(latest.SavedAt)}; latest {Percent(latest)} ({latest.Category}).").Append('>');
        foreach (var (from, to, band) in new[] { (0, 30, "low"), (30, 60, "moderate"), (60, 100, "high") })
        {
            page.Append("<rect class=\"band band-").Append(band).Append('"').Svg("x", Left).Svg("y", Y(to)).Svg("width", Width - Left - Right).Svg("height", Y(from) - Y(to)).Append("/>");
        }

        foreach (var value in new[] { 0, 30, 60, 100 })
        {
            page.Append("<line class=\"grid\"").Svg("x1", Left).Svg("x2", Width - Right).Svg("y1", Y(value)).Svg("y2", Y(value)).Append("/>")
                .Append("<text class=\"axis\" text-anchor=\"end\"").Svg("x", Left - 6).Svg("y", Y(value) + 4).Append('>').Append(value).Append("%</text>");
        }

        page.Append("<text class=\"axis\"").Svg("x", Left).Svg("y", Height - 8).Append('>').Text(Day(points[0].SavedAt)).Append("</text>");
        if (last != first)
        {
            page.Append("<text class=\"axis\" text-anchor=\"end\"").Svg("x", Width - Right).Svg("y", Height - 8).Append('>').Text(Day(latest.SavedAt)).Append("</text>");
        }

        if (points.Length > 1)
        {
            page.Append("<polyline class=\"line\"").Attr("points", string.Join(" ", points.Select(p => $"{Coordinate(X(p))},{Coordinate(Y(p.RiskPercentage))}"))).Append("/>");
        }

        foreach (var point in points)
        {
            page.Append("<circle class=\"point point-").Append(point.Category.ToLowerInvariant()).Append('"').Svg("cx", X(point)).Svg("cy", Y(point.RiskPercentage)).Append(" r=\"5\"><title>")
                .Text($"{Day(point.SavedAt)}: {Percent(point)} ({point.Category}), model {point.Model.Version}").Append("</title></circle>");
        }

        page.Append("</svg></figure>");
    }

    /// <summary>"46% (95% range 22% to 72%)": never a saved percentage without its range (or "no range" for a model without one).</summary>
    private static string Percent(PredictionSummary item) =>
        RiskText.Percent(item.RiskPercentage, Enum.TryParse<RiskCategory>(item.Category, out var c) ? c : Risk.Categorize(item.RiskPercentage))
        + (RiskText.RangeOnly(item.Interval) is { } range ? $" (95% range {range})" : " (no range given)");

    private static StringBuilder Svg(this StringBuilder page, string name, double value) => page.Attr(name, Coordinate(value));

    private static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
