using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>
/// A disease's page: what the test needs and who its model learned from, the form, and, once posted, the
/// server's messages beside the fields or the result under them. The built site's page and every answer to its
/// form are this one page in different states, so a browser with and without JavaScript reads the same.
/// </summary>
internal static class DiseasePage
{
    public static string Render(SiteLinks links, DiseaseDefinition disease, FormState state, PredictionResult? result = null, ResultContext? context = null)
    {
        var title = result is not null ? $"{disease.DisplayName}: your result" : state.HasErrors ? $"{disease.DisplayName}: please check these values" : $"{disease.DisplayName} risk";
        var page = SiteFrame.Begin(links, new PageHead(title, disease.Key, disease.Summary, ["js/predict-page.js"]));
        AppendMain(page, links, disease, state, result, context);
        return SiteFrame.End(page, links);
    }

    public static void AppendMain(StringBuilder page, SiteLinks links, DiseaseDefinition disease, FormState state, PredictionResult? result, ResultContext? context)
    {
        page.Append("<h1>").Text(disease.DisplayName).Append(": check the risk</h1>").Element("p", "lead", disease.Summary);
        if (Disclaimers.NoticeOf(disease) is { } notice)
        {
            page.Append("<p class=\"notice\" role=\"note\"><strong>").Text(notice).Append("</strong></p>");
        }

        page.Append("<section class=\"context\" aria-labelledby=\"context-heading\"><h2 id=\"context-heading\">Before you start</h2><dl>");
        if (disease.Requires is { } requires)
        {
            page.Append("<dt>What you need</dt>").Element("dd", null, requires);
        }

        page.Append("<dt>Who the model learned from</dt><dd>").Text(disease.Population.Description);
        if (links.Page($"model-{disease.Key}.html") is { } card)
        {
            page.Append(" <a").Attr("href", card).Append('>').Text($"How the {disease.ShortName.ToLowerInvariant()} model was made").Append("</a>");
        }

        page.Append("</dd></dl></section><h2 id=\"form-heading\">Your values</h2>")
            .Append("<p class=\"form-intro\">All fields are required unless marked optional. Ranges are what the model accepts; a decimal comma (0,9) is fine.</p>");
        FormView.Append(page, links, disease, state);
        page.Append("<p id=\"predict-status\" class=\"status\" role=\"status\" data-announce>").Text(result is null ? null : ResultView.Announcement(result)).Append("</p>");
        if (result is not null)
        {
            ResultView.Append(page, links, disease, result, context!);
        }
    }
}
