using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// Small, accessible HTML answers for a browser's no-JavaScript form post: the result, or the problem
/// with every field's message. Every text is HTML-encoded.
/// </summary>
internal static class HtmlPages
{
    private const string Style =
        "body{font:1rem/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}" +
        "main{max-width:40rem;margin:auto}.risk{font-size:1.5rem}.note{border-left:4px solid #8a5a00;padding-left:.75rem}" +
        "table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem .25rem 0;border-bottom:1px solid #ddd}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

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

    public static HtmlPage Result(DiseaseDefinition disease, IReadOnlyList<PredictionResult> results)
    {
        var page = Begin($"{disease.DisplayName}: risk estimate");
        if (results[0].Model.Notice is { } notice)
        {
            page.Append("<p class=\"note\" role=\"note\"><strong>").Append(Encode(notice)).Append("</strong></p>");
        }

        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (results.Count > 1)
            {
                page.Append("<h2>Patient ").Append(i + 1).Append("</h2>");
            }

            page.Append("<p class=\"risk\">Estimated risk: <strong>")
                .Append(result.RiskPercentage.ToString("0.##", CultureInfo.InvariantCulture)).Append("%</strong> (")
                .Append(result.Category).Append(")</p>");
            page.Append("<h3>What you can do</h3><ul>");
            foreach (var advice in result.Advice)
            {
                page.Append("<li>").Append(Encode(advice)).Append("</li>");
            }

            page.Append("</ul><h3>Values used</h3><table><tbody>");
            foreach (var field in disease.Fields)
            {
                page.Append("<tr><th scope=\"row\">").Append(Encode(field.Label)).Append("</th><td>")
                    .Append(Encode(Describe(field, result.Inputs[field.Name]))).Append("</td></tr>");
            }

            page.Append("</tbody></table>");
            if (result.History is { } history)
            {
                page.Append("<p class=\"note\" role=\"status\">").Append(Encode(history.Saved ? "Saved to your history." : $"Not saved: {history.Reason}")).Append("</p>");
            }
        }

        var model = results[0].Model;
        page.Append("<p>Model ").Append(Encode(model.Name)).Append(", version ").Append(Encode(model.Version)).Append(".</p>");
        page.Append("<p class=\"note\" role=\"note\"><strong>Not a diagnosis.</strong> ").Append(Encode(Disclaimers.NotADiagnosis)).Append("</p>");
        return End(page, StatusCodes.Status200OK);
    }

    public static HtmlPage Problem(DiseaseDefinition disease, Problem problem)
    {
        var page = Begin(problem.Details.Title ?? "Error");
        page.Append("<p>").Append(Encode(problem.Details.Detail ?? string.Empty)).Append("</p>");
        if (problem.Errors is { Count: > 0 } errors)
        {
            page.Append("<h2>Please check these values</h2><ul>");
            foreach (var (key, messages) in errors)
            {
                var label = disease.Find(key)?.Label ?? key;
                foreach (var message in messages)
                {
                    page.Append("<li><strong>").Append(Encode(label)).Append("</strong> ").Append(Encode(message)).Append("</li>");
                }
            }

            page.Append("</ul>");
        }

        return End(page, problem.StatusCode, problem.RetryAfterSeconds);
    }

    private static StringBuilder Begin(string title) => new StringBuilder(4096)
        .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .Append(Encode(title)).Append(" – HealthOracle</title><style>").Append(Style).Append("</style></head><body><main><h1>")
        .Append(Encode(title)).Append("</h1>");

    private static HtmlPage End(StringBuilder page, int status, int? retryAfterSeconds = null)
    {
        page.Append("<p>Use your browser's Back button to change the values.</p></main></body></html>");
        return new HtmlPage(page.ToString(), status, retryAfterSeconds);
    }

    private static string Describe(FieldDefinition field, double? value)
    {
        if (value is not { } v)
        {
            return "not given";
        }

        if (field.Codes?.FirstOrDefault(c => c.Value == v) is { } code)
        {
            return code.Label;
        }

        var number = v.ToString("0.###", CultureInfo.InvariantCulture);
        return field.Unit is { } unit ? $"{number} {unit}" : number;
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
