using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Site;

namespace HealthOracle.SiteBuilder;

/// <summary>
/// The pages only the site's build writes (the API never answers them), besides the disease forms: home, about, the assistant, the API reference, the account
/// pages (whose signed-in part the script fetches from the API) and the model cards' frame. All from the catalogue,
/// so a new disease appears everywhere by its definition.
/// </summary>
internal static class StaticPages
{
    private const string NoScript = "<noscript><p class=\"notice\">Your account pages need JavaScript. The risk forms and the assistant work without it.</p></noscript>";

    public static string Index(SiteLinks links)
    {
        var page = SiteFrame.Begin(links, new PageHead("Check a health risk", "home",
            "Estimate the risk of " + Join(DiseaseCatalog.All.Select(d => d.DisplayName.ToLowerInvariant()), "or") + " from clinical values."));
        page.Append("<h1>Check a health risk</h1><p class=\"lead\">Enter values from a check-up or lab report and get an estimate of risk, with general advice. Each test takes a minute.</p>")
            .Append("<p class=\"disclaimer\"><strong>This is not a diagnosis.</strong> ").Text(HealthOracle.Functions.Predictions.Disclaimers.NotADiagnosis).Append("</p><ul class=\"cards\">");
        foreach (var disease in DiseaseCatalog.All)
        {
            page.Append("<li class=\"card\"><h2><a").Attr("href", links.Page(disease.Key + ".html")).Append('>').Text(disease.DisplayName).Append("</a></h2>").Element("p", null, disease.Summary);
            if (disease.Requires is { } requires)
            {
                page.Append("<p><strong>Needs:</strong> ").Text(requires).Append("</p>");
            }

            page.Append("<p class=\"learned-from\"><strong>Learned from:</strong> ").Text(disease.Population.Description).Append("</p>")
                .Append("<details><summary>The values you will enter</summary><ul class=\"needs\">");
            foreach (var field in disease.Fields)
            {
                var units = field.Unit is { } unit && field.Kind != FieldKind.Code ? $" ({string.Join(" or ", field.AlternativeUnits.Select(u => u.Unit).Prepend(unit))})" : "";
                page.Element("li", null, field.Label + units + (field.Required ? "" : " — optional"));
            }

            page.Append("</ul></details><p><a class=\"button\"").Attr("href", links.Page(disease.Key + ".html")).Append('>').Text($"Start the {disease.ShortName.ToLowerInvariant()} test").Append("</a></p></li>");
        }

        page.Append("</ul><h2>Questions?</h2><p>The <a").Attr("href", links.Page("chat.html")).Append(">health assistant</a> answers general health questions and can explain a result.</p>");
        return SiteFrame.End(page, links);
    }

    public static string Disease(SiteLinks links, DiseaseDefinition disease) => DiseasePage.Render(links, disease, FormState.Empty);

    public static string Chat(SiteLinks links)
    {
        var page = SiteFrame.Begin(links, new PageHead(ChatView.Title, "chat", "Ask general health questions, or about a risk result.", ["js/chat-page.js"]));
        ChatView.AppendMain(page, links, Conversation.Empty, chatConfigured: null);
        return SiteFrame.End(page, links);
    }

    public static string About(SiteLinks links)
    {
        var page = SiteFrame.Begin(links, new PageHead("About HealthOracle", "about", "What HealthOracle is, where its models come from, what its numbers mean and what happens to your data."));
        page.Append("<h1>About HealthOracle</h1><p class=\"lead\">").Text($"HealthOracle estimates the risk of {Count(DiseaseCatalog.All.Count)} conditions from values you may find on a check-up or lab report, and answers general health questions.").Append("</p>")
            .Append("<h2>What the numbers mean</h2><p>Each test is a statistical model that learned from one published data set. The percentage is the share of people with values like yours, among the people that model learned from, who had the condition. Applied to other people it can be wrong in either direction, so each test says who its model learned from.</p>")
            .Append("<p>Percentages are shown as whole numbers: the models are not more precise than that. Below 30% is called low, 30 to 60% moderate and above 60% high, as in the original HealthOracle app.</p>")
            .Append("<p class=\"disclaimer\"><strong>Not a diagnosis.</strong> ").Text(HealthOracle.Functions.Predictions.Disclaimers.NotADiagnosis).Append("</p>")
            .Append("<h2>The models</h2><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"The models\"><table class=\"models\"><thead><tr><th scope=\"col\">Test</th><th scope=\"col\">Learned from</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        foreach (var disease in DiseaseCatalog.All)
        {
            page.Append("<tr><th scope=\"row\"><a").Attr("href", links.Page(disease.Key + ".html")).Append('>').Text(disease.DisplayName).Append("</a></th>")
                .Element("td", null, disease.Population.Description).Append("<td><a").Attr("href", links.Page($"model-{disease.Key}.html")).Append(">Model card</a></td></tr>");
        }

        page.Append("</tbody></table></div><h2>Your data</h2><ul>")
            .Append("<li>The values you enter are sent to the HealthOracle service to calculate the estimate. Unless you are signed in and choose to keep your results, nothing you enter is stored.</li>")
            .Append("<li>What you enter and what you ask the assistant never goes into the service's logs; only counts, timings and outcomes do.</li>")
            .Append("<li>Questions to the assistant are sent to Google's Gemini model to be answered. Don't include names or other details that identify you.</li>")
            .Append("<li>A result you take to the assistant travels with your questions only, and you can stop sharing it at any time.</li></ul>")
            .Append("<h2>Keeping a result</h2><p>Every result can be printed on one page, with the values used, the advice, the date and the model's version, or copied as a short summary to give to your doctor.</p>")
            .Append("<h2>Without JavaScript</h2><p>Every test and the assistant work without JavaScript: the service answers with a page of this site.</p>");
        return SiteFrame.End(page, links);
    }

    /// <summary>The API's reference, drawn in the browser by Swagger UI (copied from npm into vendor/ by the site's builder: no CDN).</summary>
    public static string Api(SiteLinks links)
    {
        var document = links.Api("/api/openapi.json");
        var page = SiteFrame.Begin(links, new PageHead("API reference", "api",
            "The HealthOracle API's reference: every route, field, range, unit, code and error, from its OpenAPI document.", ["js/api-page.js"],
            "<link rel=\"stylesheet\" href=\"vendor/swagger-ui/swagger-ui.css\"><link rel=\"stylesheet\" href=\"css/api.css\"><script src=\"vendor/swagger-ui/swagger-ui-bundle.js\" defer></script>"));
        page.Append("<h1>API reference</h1><p class=\"lead\">For programs that call HealthOracle: every route, its fields with their units, ranges and codes, its answers and its errors, with a worked example per test. It is drawn from the API's own OpenAPI document, <a id=\"api-document\"")
            .Attr("href", document).Append(">openapi.json</a>, which is also what you generate a client from.</p>")
            .Append("<p id=\"api-reference-status\" class=\"status\" role=\"status\">Loading the reference…</p>")
            .Append("<noscript><p>The reference needs JavaScript. The document itself is plain JSON, at <code>/api/openapi.json</code> on the API's address.</p></noscript>")
            .Append("<p id=\"api-viewer-missing\" hidden>The reference viewer is not installed on this site. The document is at <a").Attr("href", document).Append('>').Text(document).Append("</a>.</p>")
            .Append("<div id=\"api-reference\" class=\"api-reference\"></div>");
        return SiteFrame.End(page, links);
    }

    public static string Account(SiteLinks links)
    {
        var page = SiteFrame.Begin(links, new PageHead("Your account", "account", "Your profile and your data: download or erase it.", ["js/account/account-page.js"]));
        page.Append("<h1>Your account</h1>").Append(NoScript)
            .Append("<p id=\"account-status\" class=\"status\" role=\"status\" data-checking>Checking whether you are signed in…</p>")
            .Append("<p data-status=\"unavailable\" hidden>Accounts are not available right now. Please try again later.</p>")
            .Append("<div id=\"signed-out\" class=\"signed-out\" hidden><p>You are not signed in. Sign in to keep a profile and a history. Predictions you make while signed in are saved to your history; you can download or erase everything at any time.</p>")
            .Append("<p><a id=\"sign-in-link\" class=\"button\" href=\"#\">Sign in</a></p></div>")
            .Append("<div id=\"signed-in\" hidden><p>Signed in as <strong id=\"account-name\"></strong>. <a id=\"sign-out-link\" href=\"#\">Sign out</a></p>")
            .Append("<h2>Profile</h2><p>Used to fill in your age and sex on the risk forms. All fields are optional.</p>")
            .Append("<form id=\"profile-form\" class=\"profile-form\"><div id=\"profile-errors\" class=\"error-summary\" tabindex=\"-1\" hidden></div>")
            .Append("<div class=\"field\"><label for=\"dateOfBirth\">Date of birth</label><p class=\"hint\" id=\"dateOfBirth-hint\">The day, month and year, for example 15 March 1961, as your browser asks for it. Your age is worked out from it.</p>")
            .Append("<input id=\"dateOfBirth\" name=\"dateOfBirth\" type=\"date\" aria-describedby=\"dateOfBirth-hint\" autocomplete=\"bday\" data-label=\"Date of birth\"></div>")
            .Append("<div class=\"field\"><label for=\"sex\">Sex</label><p class=\"hint\" id=\"sex-hint\">As the models use it (they were trained on data that recorded female or male).</p>")
            .Append("<select id=\"sex\" name=\"sex\" aria-describedby=\"sex-hint\" data-label=\"Sex\"><option value=\"\">Not said</option><option value=\"female\">Female</option><option value=\"male\">Male</option></select></div>")
            .Append("<div class=\"field\"><label for=\"bloodGroup\">Blood group</label><select id=\"bloodGroup\" name=\"bloodGroup\" data-label=\"Blood group\"><option value=\"\">Not said</option>");
        foreach (var group in new[] { "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-" })
        {
            page.Append("<option").Attr("value", group).Append('>').Text(group).Append("</option>");
        }

        page.Append("</select></div><div class=\"actions\"><button type=\"submit\" class=\"button\">Save profile</button></div></form>")
            .Append("<p id=\"profile-status\" class=\"status\" role=\"status\"></p>")
            .Append("<h2>Your data</h2><p>Everything stored about you: your profile, your saved results and the suggestions saved with them.</p>")
            .Append("<div class=\"actions\"><button type=\"button\" id=\"download-data\" class=\"button secondary\">Download my data</button><button type=\"button\" id=\"erase-data\" class=\"button danger\">Erase my data</button></div>")
            .Append("<div id=\"erase-confirm\" class=\"confirm\" role=\"alertdialog\" aria-labelledby=\"erase-confirm-title\" hidden><h3 id=\"erase-confirm-title\">Erase everything?</h3>")
            .Append("<p>This deletes your profile, every saved result and every saved suggestion. It cannot be undone. Download your data first if you want a copy.</p>")
            .Append("<div class=\"actions\"><button type=\"button\" id=\"erase-yes\" class=\"button danger\">Yes, erase everything</button><button type=\"button\" id=\"erase-no\" class=\"button secondary\">Cancel</button></div></div>")
            .Append("<p id=\"data-status\" class=\"status\" role=\"status\"></p></div>");
        return SiteFrame.End(page, links);
    }

    /// <summary>The history's page: its script fetches the signed-in part from the API (<c>/api/pages/history</c>) into main.</summary>
    public static string History(SiteLinks links) => AccountShell(links, "Your history", "history", "Your saved risk results, and how each risk changed over time.",
        "js/account/history-page.js", "/api/pages/history", "Loading your history…", "see your saved results");

    /// <summary>One saved result's page (<c>prediction.html?id=…</c>): its script fetches <c>/api/pages/predictions/{id}</c> into main.</summary>
    public static string Prediction(SiteLinks links) => AccountShell(links, "Saved result", "history", "One saved risk result, its values and suggestions.",
        "js/account/prediction-page.js", "/api/pages/predictions/", "Loading…", "see your saved results");

    /// <summary>A model card (rendered from its Markdown by the builder) in the site's frame.</summary>
    public static string ModelCard(SiteLinks links, DiseaseDefinition disease, string cardHtml)
    {
        var page = SiteFrame.Begin(links, new PageHead($"{disease.DisplayName}: how the model was made", null,
            $"The model card of the {disease.DisplayName.ToLowerInvariant()} model: data, method, metrics and limits."));
        page.Append("<p class=\"breadcrumb\"><a").Attr("href", links.Page(disease.Key + ".html")).Append('>').Text($"Back to the {disease.ShortName.ToLowerInvariant()} test").Append("</a></p>")
            .Append("<article class=\"model-card\">").Append(cardHtml).Append("</article>");
        return SiteFrame.End(page, links);
    }

    /// <summary>
    /// A page whose script asks who is signed in first (<c>/api/pages/session</c>, never a 401 in the console) and then
    /// fetches the signed-in part from the API; signed out, it shows the sign-in that the API's own page would.
    /// </summary>
    private static string AccountShell(SiteLinks links, string title, string active, string description, string script, string apiPath, string loading, string what)
    {
        var page = SiteFrame.Begin(links, new PageHead(title, active, description, [script]));
        page.Append("<h1>").Text(title).Append("</h1>").Append(NoScript)
            .Append("<p class=\"status\" role=\"status\"").Attr("data-page", apiPath).Append('>').Text(loading).Append("</p>")
            .Append("<p data-status=\"unavailable\" hidden>Accounts are not available right now. Please try again later.</p>");
        HistoryView.AppendSignIn(page, links, "history.html", what, hidden: true);
        return SiteFrame.End(page, links);
    }

    private static string Count(int count) => count switch { 4 => "four", 5 => "five", 6 => "six", 7 => "seven", _ => count.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static string Join(IEnumerable<string> items, string last)
    {
        var list = items.ToArray();
        return list.Length < 2 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} {last} {list[^1]}";
    }
}
