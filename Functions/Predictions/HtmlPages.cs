using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using System.Globalization;
using System.Text;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// Accessible HTML answers for a browser's no-JavaScript form post, in the site's frame: the result (with
/// the values used, in the units typed), or the problem with every field's message in people's words,
/// and a way back to the form. Headings go h1, h2 (h3 per patient only in a batch). Every text is HTML-encoded.
/// </summary>
internal static class HtmlPages
{
    /// <summary>True when the caller's <c>Accept</c> ranks HTML above JSON (a browser's form post).</summary>
    public static bool IsPreferred(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        double html = 0, json = 0;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1;
            var media = type.MediaType.Value ?? string.Empty;
            if (media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase)
                || media is "*/*" or "application/*")
            {
                json = Math.Max(json, quality);
            }
        }

        return html > json;
    }

    public static HtmlPage Result(SiteFrame frame, DiseaseDefinition disease, IReadOnlyList<PredictionResult> results, IReadOnlyList<string?>? typedUnits, DateTimeOffset at)
    {
        var page = frame.Begin($"{disease.DisplayName}: your result", disease.Key);
        if (results[0].Model.Notice is { } notice)
        {
            page.Append("<p class=\"notice\" role=\"note\"><strong>").Append(Encode(notice)).Append("</strong></p>");
        }

        var level = results.Count > 1 ? "h3" : "h2";
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var category = result.Category.ToString();
            if (results.Count > 1)
            {
                page.Append("<h2>Patient ").Append(i + 1).Append("</h2>");
            }

            page.Append("<section class=\"result risk-").Append(category.ToLowerInvariant()).Append("\">")
                .Append("<p class=\"risk-figure\"><span class=\"risk-percent\">").Append(Encode(RiskText.Percent(result.RiskPercentage, result.Category)))
                .Append("</span> <span class=\"badge\">").Append(category).Append("</span> <span class=\"visually-hidden\">risk</span></p>")
                .Append("<p class=\"relative-to population\">").Append(Encode(RiskText.RelativeTo(disease, result.Model.Population?.RelativeTo))).Append("</p>");
            if (result.Warnings is { Count: > 0 } warnings)
            {
                page.Append('<').Append(level).Append(">Please check these values</").Append(level).Append("><ul class=\"warnings\">");
                foreach (var warning in warnings)
                {
                    var field = disease.Find(warning.Field)!;
                    page.Append("<li><strong>").Append(Encode(field.Label)).Append(":</strong> ").Append(Encode(warning.Message));
                    if (warning.Suggestion is { } suggestion)
                    {
                        page.Append(" Did you mean ").Append(Encode(Number(suggestion))).Append(' ').Append(Encode(field.Unit ?? "")).Append('?');
                    }

                    page.Append("</li>");
                }

                page.Append("</ul>");
            }

            page.Append('<').Append(level).Append(">What you can do</").Append(level).Append("><ul class=\"advice\">");
            foreach (var advice in result.Advice)
            {
                page.Append("<li>").Append(Encode(advice)).Append("</li>");
            }

            page.Append("</ul>");
            FactorsHtml.Append(page, disease, result, level);
            page.Append('<').Append(level).Append(">Values used</").Append(level).Append("><table class=\"values-used\"><tbody>");
            for (var f = 0; f < disease.Fields.Count; f++)
            {
                var field = disease.Fields[f];
                page.Append("<tr><th scope=\"row\">").Append(Encode(field.Label)).Append("</th><td>")
                    .Append(Encode(Describe(field, result.Inputs[field.Name], typedUnits?[f]))).Append("</td></tr>");
            }

            page.Append("</tbody></table>");
            if (result.History is { } history)
            {
                page.Append("<p class=\"note\" role=\"status\">").Append(Encode(history.Saved ? "Saved to your history." : $"Not saved: {history.Reason}")).Append("</p>");
            }

            page.Append("</section>");
        }

        var model = results[0].Model;
        page.Append("<p class=\"model-line\">Estimated on ").Append(Encode(at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" by the model ").Append(Encode(model.Name)).Append(", version ").Append(Encode(model.Version)).Append('.');
        if (frame.PageUrl($"model-{disease.Key}.html") is { } card)
        {
            page.Append(" <a href=\"").Append(Encode(card)).Append("\">How this model was made</a>.");
        }

        page.Append("</p><p class=\"disclaimer\"><strong>Not a diagnosis.</strong> ").Append(Encode(Disclaimers.NotADiagnosis)).Append("</p>");
        BackToForm(frame, page, disease, "Check again with other values");
        return new HtmlPage(frame.End(page, Disclaimers.NotADiagnosis), StatusCodes.Status200OK);
    }

    public static HtmlPage Problem(SiteFrame frame, DiseaseDefinition disease, Problem problem)
    {
        var invalid = problem.Errors is { Count: > 0 };
        var page = frame.Begin(invalid ? "Please check these values" : problem.Details.Title ?? "Something went wrong", disease.Key);
        if (problem.Errors is { Count: > 0 } errors)
        {
            page.Append("<p>Some values are missing or not accepted, so nothing was calculated:</p><ul class=\"error-list\">");
            foreach (var (key, messages) in errors)
            {
                var label = LabelOf(disease, key);
                foreach (var message in messages)
                {
                    page.Append("<li><strong>").Append(Encode(label)).Append("</strong> ").Append(Encode(InPeoplesWords(disease, message))).Append("</li>");
                }
            }

            page.Append("</ul>");
        }
        else
        {
            page.Append("<p>").Append(Encode(problem.Details.Detail ?? string.Empty)).Append("</p>");
        }

        BackToForm(frame, page, disease, "Back to the form");
        return new HtmlPage(frame.End(page, Disclaimers.NotADiagnosis), problem.StatusCode, problem.RetryAfterSeconds);
    }

    /// <summary>Wire names in a message (<c>total_bilirubin</c>) become the fields' labels in lower case.</summary>
    public static string InPeoplesWords(DiseaseDefinition disease, string message)
    {
        // Longest names first, so that a name that contains another is replaced whole.
        foreach (var field in disease.Fields.OrderByDescending(f => f.Name.Length))
        {
            message = message.Replace(field.Name, LowerFirst(field.Label), StringComparison.Ordinal);
        }

        return message;
    }

    private static void BackToForm(SiteFrame frame, StringBuilder page, DiseaseDefinition disease, string text)
    {
        if (frame.PageUrl($"{disease.Key}.html") is { } form)
        {
            page.Append("<p class=\"actions\"><a class=\"button\" href=\"").Append(Encode(form)).Append("\">").Append(Encode(text))
                .Append("</a></p><p>Your browser's Back button returns to the form with the values you typed.</p>");
        }
        else
        {
            page.Append("<p>Use your browser's Back button to return to the form with the values you typed.</p>");
        }
    }

    private static string LabelOf(DiseaseDefinition disease, string key)
    {
        var unit = key.EndsWith(Requests.FormPatientReader.UnitSuffix, StringComparison.Ordinal);
        var name = unit ? key[..^Requests.FormPatientReader.UnitSuffix.Length] : key;
        return disease.Find(name)?.Label is { } label ? (unit ? label + " unit" : label) : key;
    }

    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    private static string Describe(FieldDefinition field, double? value, string? typedUnit)
    {
        if (value is not { } v)
        {
            return field.ZeroMeansNotMeasured ? "not measured (left empty or 0)" : "not given";
        }

        if (field.Codes?.FirstOrDefault(c => c.Value == v) is { } code)
        {
            return code.Label;
        }

        var inFieldUnit = field.Unit is { } unit ? $"{Number(v)} {unit}" : Number(v);
        return typedUnit is not null && field.AlternativeUnits.FirstOrDefault(u => u.Unit == typedUnit) is { } typed
            ? $"{Number(v / typed.ToFieldUnit)} {typed.Unit} ({inFieldUnit})"
            : inFieldUnit;
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Encode(string text) => SiteFrame.Encode(text);
}
