using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>
/// The assistant's part of a result: "ask about this result" and "get suggestions" as forms that post the result
/// (or, for a saved one, its id: the server then reads it itself), or a plain note where this deployment has no
/// assistant; and the suggestions, as a list.
/// </summary>
internal static class AssistantView
{
    public const string NotConfigured = "The assistant is not available on this site: it has not been set up. The risk checks work without it.";

    /// <summary>The form field that carries a live result to the assistant (the chat's prediction context, as JSON).</summary>
    public const string PredictionField = "prediction";

    /// <summary>The form field that names a saved result.</summary>
    public const string PredictionIdField = "predictionId";

    public static void AppendActions(StringBuilder page, SiteLinks links, PredictionResult result, ResultContext context)
    {
        page.Append("<div class=\"assistant-actions\">");
        if (!context.ChatConfigured)
        {
            page.Element("p", "note", NotConfigured + " There are no suggestions or questions about this result here.");
        }
        else
        {
            var (name, value) = context.SavedId is { } id ? (PredictionIdField, id) : (PredictionField, ContextJson(result));
            page.Append("<div class=\"actions\"><form class=\"ask-form\" method=\"post\" data-navigate=\"chat.html\"").Attr("action", links.Api("/api/pages/chat")).Append(" data-api-path=\"/api/pages/chat\">")
                .Append("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Append('>')
                .Append("<button type=\"submit\" class=\"button\">Ask the assistant about this result</button></form>")
                .Append("<form class=\"suggest-form\" method=\"post\" data-enhance data-swap=\"#suggestions-area\"").Attr("action", links.Api("/api/pages/suggestions")).Append(" data-api-path=\"/api/pages/suggestions\">")
                .Append("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Append('>')
                .Append("<button type=\"submit\" class=\"button secondary\">Get suggestions</button></form></div>");
        }

        if (context.SavedSuggestions is { } saved)
        {
            AppendSuggestions(page, saved.Select(s => s.Text).ToArray(), saved.Select(s => (s.Id, s.Read)).ToArray());
        }
        else
        {
            page.Append("<div id=\"suggestions-area\" class=\"suggestions-area\" aria-live=\"polite\"></div>");
        }

        page.Append("</div>");
    }

    /// <summary>Suggestions as a list (the model's Markdown as text with bold and emphasis); with read boxes for a saved result's.</summary>
    public static void AppendSuggestions(StringBuilder page, IReadOnlyList<string> suggestions, IReadOnlyList<(string Id, bool Read)>? saved = null, string? note = null)
    {
        page.Append("<div id=\"suggestions-area\" class=\"suggestions-area\" aria-live=\"polite\"><h3>Suggestions</h3>");
        if (note is not null)
        {
            page.Element("p", "note", note);
        }

        if (suggestions.Count == 0)
        {
            page.Append("<p id=\"suggestions-none\">No suggestions saved with this result yet.</p>");
        }
        else
        {
            page.Append(saved is null ? "<ul class=\"suggestions\">" : "<ul id=\"suggestions-list\" class=\"suggestions suggestion-list\">");
            for (var i = 0; i < suggestions.Count; i++)
            {
                page.Append("<li>");
                if (saved is not null)
                {
                    var box = "read-" + i.ToString("00", CultureInfo.InvariantCulture);
                    page.Append("<input type=\"checkbox\"").Attr("id", box).Attr("data-suggestion", saved[i].Id).Append(saved[i].Read ? " checked" : "").Append('>')
                        .Append("<label").Attr("for", box).Append('>');
                    ChatMarkdown.AppendInline(page, suggestions[i]);
                    page.Append("</label>");
                }
                else
                {
                    ChatMarkdown.AppendInline(page, suggestions[i]);
                }

                page.Append("</li>");
            }

            page.Append("</ul>");
        }

        if (saved is not null)
        {
            page.Append("<p id=\"suggestions-status\" class=\"status\" role=\"status\"></p>");
        }

        page.Append("</div>");
    }

    /// <summary>The result as the assistant's context: disease, risk, category, inputs, model, and its explanation.</summary>
    public static string ContextJson(PredictionResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("disease", result.Disease);
            json.WriteNumber("probability", result.Probability);
            json.WriteNumber("riskPercentage", result.RiskPercentage);
            json.WriteString("category", result.Category.ToString());
            json.WriteStartObject("inputs");
            foreach (var (name, value) in result.Inputs)
            {
                if (value is { } v)
                {
                    json.WriteNumber(name, v);
                }
                else
                {
                    json.WriteNull(name);
                }
            }

            json.WriteEndObject();
            json.WriteStartObject("model");
            json.WriteString("name", result.Model.Name);
            json.WriteString("version", result.Model.Version);
            json.WriteEndObject();
            if (result.Baseline is { } baseline)
            {
                json.WriteNumber("baseline", baseline);
            }

            if (result.Factors is { } factors)
            {
                json.WriteStartArray("factors");
                foreach (var factor in factors)
                {
                    json.WriteStartObject();
                    json.WriteString("field", factor.Field);
                    if (factor.Value is { } value)
                    {
                        json.WriteNumber("value", value);
                    }

                    json.WriteNumber("contribution", factor.Contribution);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (result.WhatIf is { } whatIf)
            {
                json.WriteStartArray("whatIf");
                foreach (var answer in whatIf)
                {
                    json.WriteStartObject();
                    json.WriteString("field", answer.Field);
                    json.WriteNumber("value", answer.Value);
                    json.WriteNumber("target", answer.Target);
                    json.WriteNumber("riskPercentage", answer.RiskPercentage);
                    json.WriteNumber("difference", answer.Difference);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
