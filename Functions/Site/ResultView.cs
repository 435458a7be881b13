using System.Globalization;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Site;

/// <summary>How a result is shown, besides the result itself.</summary>
/// <param name="At">When it was estimated (or saved).</param>
/// <param name="TypedUnits">The unit each value was typed in (null: the field's own), in field order; null when all were.</param>
/// <param name="Patient">The values to post again with a what-if (as posted, or the saved inputs in the fields' units).</param>
/// <param name="ChatConfigured">Whether this deployment has the assistant: its buttons, or a plain note.</param>
/// <param name="SavedId">The saved prediction's id when this is a result from the person's history (the assistant then reads it itself).</param>
/// <param name="WhatIf">A what-if already asked: its outcome is shown under the controls.</param>
/// <param name="SavedSuggestions">The suggestions saved with a result from the person's history.</param>
internal sealed record ResultContext(
    DateTimeOffset At,
    IReadOnlyList<string?>? TypedUnits,
    IReadOnlyList<KeyValuePair<string, string>> Patient,
    bool ChatConfigured,
    string? SavedId = null,
    WhatIfOutcome? WhatIf = null,
    IReadOnlyList<People.SavedSuggestion>? SavedSuggestions = null);

/// <summary>A what-if asked: the patient's values changed, and the estimate before and after.</summary>
internal sealed record WhatIfOutcome(IReadOnlyDictionary<string, double?> Changes, PredictionResult Before, PredictionResult After);

/// <summary>
/// One result as a person reads it, live or saved: the whole percentage and its category, the gauge, what it is
/// relative to, the notice, values worth a second look, what moved the estimate and what-if, the advice, the
/// values used in the units typed, the date and model, the disclaimer, the summary for a doctor, and the
/// assistant's buttons. Every later section hangs off this one place.
/// </summary>
internal static class ResultView
{
    public static void Append(StringBuilder page, SiteLinks links, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        var category = result.Category.ToString();
        var percent = RiskText.Percent(result.RiskPercentage, result.Category);
        page.Append("<section id=\"result\" class=\"result risk-").Append(category.ToLowerInvariant()).Append("\" aria-labelledby=\"result-heading\">")
            .Append("<h2 id=\"result-heading\" tabindex=\"-1\" data-focus>Result: ").Append(category).Append(" risk</h2>");
        // On paper only: whose page this is, and where to find it again.
        var home = links.Page("") is { } site && site.StartsWith("http", StringComparison.Ordinal) ? site : null;
        page.Append("<p class=\"print-header\"><strong>HealthOracle</strong>").Text(home is null ? "" : ", " + home).Text($" — {disease.DisplayName} risk estimate").Append("</p>");
        AppendHistoryNote(page, links, result);
        page.Append("<p class=\"risk-figure\"><span class=\"risk-percent\">").Text(percent).Append("</span> <span class=\"badge\">").Append(category).Append("</span></p>");
        page.Append("<p class=\"risk-range\">").Text(RiskText.Range(result.RiskPercentage, result.Category, result.Interval));
        if (result.Interval is not null)
        {
            page.Append(' ').Text(RiskText.RangeMeaning);
        }

        page.Append("</p>");
        AppendGauge(page, result.RiskPercentage, category, percent, result.Interval);
        page.Element("p", "relative-to population", RiskText.RelativeTo(disease, result.Model.Population?.RelativeTo));
        if (result.Model.Notice is { } notice)
        {
            page.Append("<p class=\"notice\" role=\"note\"><strong>").Text(notice).Append("</strong></p>");
        }

        AppendHealthy(page, disease, result, context);
        AppendWarnings(page, disease, result);
        page.Append("<div class=\"explanation\">");
        ExplanationView.Append(page, links, disease, result, context);
        page.Append("</div><h3>What you can do</h3><ul class=\"advice\">");
        foreach (var advice in result.Advice)
        {
            page.Element("li", null, advice);
        }

        page.Append("</ul><h3>Values used</h3><table class=\"values-used\"><tbody>");
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var field = disease.Fields[f];
            page.Append("<tr><th scope=\"row\">").Text(field.Label).Append("</th><td>")
                .Text(ValueText.Of(field, result.Inputs.GetValueOrDefault(field.Name), context.TypedUnits?[f])).Append("</td></tr>");
        }

        page.Append("</tbody></table><p class=\"model-line\">").Text(ModelLine(result, context.At));
        if (links.Page($"model-{disease.Key}.html") is { } card)
        {
            page.Append(" <a").Attr("href", card).Append(">How this model was made</a>.");
        }

        page.Append("</p><p class=\"disclaimer\"><strong>Not a diagnosis.</strong> ").Text(result.Disclaimer).Append("</p>");
        // Printing and copying need the page's script: shown by it (js/enhance.js), with the summary it copies.
        page.Append("<div class=\"actions keep\" data-needs-script hidden><button type=\"button\" class=\"button secondary\" data-print>Print this result</button>")
            .Append("<button type=\"button\" class=\"button secondary\" data-copy=\"summary-text\">Copy a summary for my doctor</button></div>")
            .Append("<div class=\"keep-area\" aria-live=\"polite\"><div class=\"summary\" hidden><label for=\"summary-text\">Summary for your doctor</label>")
            .Append("<p class=\"hint\" id=\"summary-hint\">Copying was not allowed here: select the text and copy it.</p>")
            .Append("<textarea id=\"summary-text\" rows=\"12\" readonly aria-describedby=\"summary-hint\">").Text(Summary(disease, result, context)).Append("</textarea></div>")
            .Append("<p class=\"status\" data-copied hidden>Summary copied. Paste it into a message or a document for your doctor.</p></div>");
        AssistantView.AppendActions(page, links, result, context);
        page.Append("</section>");
    }

    /// <summary>The line a screen reader hears when the result arrives.</summary>
    public static string Announcement(PredictionResult result) =>
        $"Result ready: {result.Category} risk, {RiskText.Percent(result.RiskPercentage, result.Category)}.";

    /// <summary>The plain-text summary a person can paste into a message or hand to a doctor.</summary>
    public static string Summary(DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        var text = new StringBuilder()
            .Append("HealthOracle: ").Append(disease.DisplayName).Append(" risk estimate, ").Append(When(context.At)).Append('\n')
            .Append("Estimated risk: ").Append(RiskText.Percent(result.RiskPercentage, result.Category)).Append(" (").Append(result.Category).Append(")\n")
            .Append(RiskText.Range(result.RiskPercentage, result.Category, result.Interval)).Append(result.Interval is null ? "" : " " + RiskText.RangeMeaning).Append('\n')
            .Append(RiskText.RelativeTo(disease, result.Model.Population?.RelativeTo)).Append('\n');
        if (result.Healthy is { } healthy)
        {
            text.Append("A healthy person like you (same age and sex, every value that can change at its healthy target): ")
                .Append(RiskText.Percent(healthy.RiskPercentage, healthy.Category))
                .Append(RiskText.RangeOnly(healthy.Interval) is { } range ? $" (95% range {range})" : "").Append(". ")
                .Append(Predictions.Healthy.HealthyPatients.NotATimeFrame(disease)).Append('\n');
        }

        foreach (var warning in result.Warnings ?? [])
        {
            text.Append("Check: ").Append(disease.Find(warning.Field)?.Label ?? warning.Field).Append(": ").Append(warning.Message).Append('\n');
        }

        text.Append("\nValues used:\n");
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var field = disease.Fields[f];
            text.Append("- ").Append(field.Label).Append(": ").Append(ValueText.Of(field, result.Inputs.GetValueOrDefault(field.Name), context.TypedUnits?[f])).Append('\n');
        }

        return text.Append("\nModel: ").Append(result.Model.Name).Append(", version ").Append(result.Model.Version).Append('\n')
            .Append(result.Disclaimer).ToString();
    }

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string ModelLine(PredictionResult result, DateTimeOffset at) =>
        $"Estimated on {When(at)} by the model {result.Model.Name}, version {result.Model.Version}.";

    private static void AppendHistoryNote(StringBuilder page, SiteLinks links, PredictionResult result)
    {
        if (result.History is not { } history)
        {
            return;
        }

        if (history.Saved && history.Id is { } id && links.Page("prediction.html?id=" + Uri.EscapeDataString(id)) is { } saved)
        {
            page.Append("<p class=\"saved-note\" role=\"status\">Saved to your history: <a").Attr("href", saved).Append(">see it in your history</a>.</p>");
        }
        else
        {
            page.Append("<p class=\"").Append(history.Saved ? "saved-note" : "notice").Append("\" role=\"status\">").Text(history.Saved ? "Saved to your history." : $"Not saved: {history.Reason}").Append("</p>");
        }
    }

    /// <summary>The percentage on a 0–100 scale with the category bands: a picture, its words in the label.</summary>
    private static void AppendGauge(StringBuilder page, double percentage, string category, string percent, Models.RiskInterval? interval)
    {
        var fill = Math.Clamp(percentage, 0, 100).ToString("0.#", CultureInfo.InvariantCulture);
        var range = RiskText.RangeOnly(interval) is { } words ? $" The model's data are consistent with anything from {words}." : "";
        page.Append("<svg class=\"gauge\" viewBox=\"0 0 100 14\" preserveAspectRatio=\"none\" role=\"img\"")
            .Attr("aria-label", $"{percent} on a scale from 0 to 100, where below 30 is low, 30 to 60 is moderate and above 60 is high: {category}.{range}")
            .Append("><rect class=\"band-low\" x=\"0\" y=\"0\" width=\"30\" height=\"10\"/><rect class=\"band-moderate\" x=\"30\" y=\"0\" width=\"30\" height=\"10\"/>")
            .Append("<rect class=\"band-high\" x=\"60\" y=\"0\" width=\"40\" height=\"10\"/><rect class=\"gauge-fill\" x=\"0\" y=\"0\" width=\"").Append(fill).Append("\" height=\"10\"/>")
            .Append("<rect class=\"gauge-mark\" x=\"29.8\" y=\"0\" width=\".4\" height=\"14\"/><rect class=\"gauge-mark\" x=\"59.8\" y=\"0\" width=\".4\" height=\"14\"/>");
        if (interval is not null)
        {
            // The 95% range as a bar under the scale, its ends rounded outwards like the words.
            var from = Math.Clamp(Math.Floor(interval.LowerPercentage), 0, 100);
            var to = Math.Clamp(Math.Ceiling(interval.UpperPercentage), 0, 100);
            page.Append("<rect class=\"gauge-range\" x=\"").Append(from.ToString("0", CultureInfo.InvariantCulture)).Append("\" y=\"11\" width=\"")
                .Append(Math.Max(to - from, 0.4).ToString("0.#", CultureInfo.InvariantCulture)).Append("\" height=\"3\"/>");
        }

        page.Append("</svg>")
            .Append("<p class=\"gauge-scale\" aria-hidden=\"true\"><span>0</span><span>30</span><span>60</span><span>100</span></p>");
    }

    /// <summary>
    /// "A healthy person like you": the model's estimate for the same age and sex and the values that cannot change, with every
    /// changeable value at its healthy target; with its range, what both are relative to, and what neither is (a time frame).
    /// </summary>
    private static void AppendHealthy(StringBuilder page, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        if (result.Healthy is not { } healthy)
        {
            return;
        }

        var theirs = RiskText.Percent(healthy.RiskPercentage, healthy.Category);
        var range = RiskText.RangeOnly(healthy.Interval) is { } words ? $" (95% range {words})" : " (the model gives no range for it)";
        page.Append("<section class=\"healthy-comparison\" aria-labelledby=\"healthy-heading\"><h3 id=\"healthy-heading\">A healthy person like you</h3><p class=\"healthy-figure\">");
        if (!disease.Fields.Any(f => f.Changeable))
        {
            page.Text($"None of this test's values has a healthy target a person can move it to, so a healthy person like you gets your estimate: {theirs}{range}.");
        }
        else if (healthy.Changed.Count == 0)
        {
            page.Text($"Every value you can change is already in its healthy range, so a healthy person like you gets your estimate: {theirs}{range}.");
        }
        else
        {
            // "resting blood pressure 120 mm Hg", and a choice by its answer: "fasting blood sugar above 120 mg/dl: No".
            var changes = string.Join(", ", healthy.Changed.Select(c => disease.Find(c.Field) is { } field
                ? $"{LowerFirst(c.Label)}{(field.Codes is null ? " " : ": ")}{ValueText.Of(field, c.Target, ExplanationView.TypedUnit(disease, context, field))}"
                : c.Label));
            page.Text($"A person of your age and sex, with your other values but with {changes}: ")
                .Append("<strong>").Text(theirs).Append("</strong>").Text($"{range}, compared with your {RiskText.Percent(result.RiskPercentage, result.Category)}.");
        }

        page.Append("</p>").Element("p", "healthy-note",
            $"Both percentages are relative to the same people, those the model learned from (above). {Predictions.Healthy.HealthyPatients.NotATimeFrame(disease)}")
            .Append("</section>");
    }

    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    private static void AppendWarnings(StringBuilder page, DiseaseDefinition disease, PredictionResult result)
    {
        if (result.Warnings is not { Count: > 0 } warnings)
        {
            return;
        }

        page.Append("<h3>Please check these values</h3><ul class=\"warnings\">");
        foreach (var warning in warnings)
        {
            var field = disease.Find(warning.Field);
            page.Append("<li><strong>").Text(field?.Label ?? warning.Field).Append(":</strong> ").Text(warning.Message);
            if (warning.Suggestion is { } suggestion)
            {
                page.Append(" Did you mean ").Text(ValueText.Number(suggestion)).Text(field?.Unit is { } unit ? " " + unit : "").Append('?');
            }

            page.Append("</li>");
        }

        page.Append("</ul>");
    }
}
