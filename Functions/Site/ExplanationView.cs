using System.Globalization;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Predictions.WhatIf;

namespace HealthOracle.Functions.Site;

/// <summary>
/// A result's explanation: the values that moved the estimate most (each a bar and its words), an honest line for
/// the others, and what-if: the answer's estimates at each healthy target, and a form that asks the model about
/// changed values (the page's script turns its fields into sliders that submit it).
/// </summary>
internal static class ExplanationView
{
    /// <summary>The factors listed by name; the rest are summed in one line.</summary>
    public const int TopFactors = 5;

    public static void Append(StringBuilder page, SiteLinks links, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        AppendFactors(page, disease, result, context);
        AppendWhatIf(page, links, disease, result, context);
    }

    /// <summary>
    /// A slider's step in the unit shown: whole units over a wide range, tenths over a narrow one, and a power of ten that
    /// gives at least ten steps over a range narrower than one unit (urine specific gravity, 1.000–1.040, moves by 0.001).
    /// </summary>
    internal static double SliderStep(FieldDefinition field, double factor, bool integer)
    {
        var span = (field.Max - field.Min) / factor;
        return integer || span > 100 ? 1 : span >= 1 ? 0.1 : Math.Pow(10, Math.Floor(Math.Log10(span / 10)));
    }

    private static void AppendFactors(StringBuilder page, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        if (result is not { Factors: { } factors, Baseline: { } baseline })
        {
            return;
        }

        var moving = factors.Where(f => f.Contribution != 0).ToArray();
        var top = moving.Take(TopFactors).ToArray();
        page.Append("<section class=\"factors\" aria-labelledby=\"factors-heading\"><h3 id=\"factors-heading\">What moved the estimate</h3>")
            .Append("<p class=\"factors-lead\">").Text($"Compared with {RiskText.Percent(baseline)}, the model's estimate for a typical patient of its training data, your values make it {RiskText.Change(result.RiskPercentage - baseline)}.")
            .Append(top.Length == 0 ? "" : top.Length < moving.Length ? " The values that moved it most:" : " What moved it:").Append("</p>");
        if (top.Length == 0)
        {
            page.Append("<p>Your values are those of the typical patient: nothing moved the estimate.</p>");
        }
        else
        {
            var largest = Math.Max(top.Max(f => Math.Abs(f.Contribution)), 0.01);
            page.Append("<ol class=\"factor-bars\">");
            foreach (var factor in top)
            {
                var field = disease.Find(factor.Field);
                var raises = factor.Contribution > 0;
                var width = Math.Max(1, Math.Abs(factor.Contribution) / largest * 100).ToString("0.#", CultureInfo.InvariantCulture);
                page.Append("<li class=\"factor ").Append(raises ? "raises" : "lowers").Append('"').Attr("data-field", factor.Field).Append('>')
                    .Append("<span class=\"factor-name\"><strong>").Text(factor.Label).Append("</strong> (").Text(field is null ? ValueText.Number(factor.Value ?? double.NaN) : ValueText.Of(field, factor.Value, TypedUnit(disease, context, field))).Append(")</span>")
                    .Append("<svg class=\"factor-track\" viewBox=\"-100 0 200 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect x=\"")
                    .Append(raises ? "0" : "-" + width).Append("\" y=\"0\" width=\"").Append(width).Append("\" height=\"10\"/></svg>")
                    .Append("<span class=\"factor-points\">").Append(raises ? "raises it by " : "lowers it by ").Text(RiskText.Points(factor.Contribution)).Append("</span>");
                if (factor.Note is { } note)
                {
                    page.Element("p", "factor-note", note);
                }

                page.Append("</li>");
            }

            page.Append("</ol>");
        }

        var others = factors.Count - top.Length;
        if (others > 0 && top.Length > 0)
        {
            var rest = factors.Skip(top.Length).Sum(f => f.Contribution);
            page.Element("p", "factors-others", Math.Round(rest, 2) == 0
                ? $"{Count(others, "other value")} moved it by less than 0.01 percentage points."
                : $"{Count(others, "other value")} together make it {RiskText.Change(rest)}.");
        }

        page.Element("p", "factors-note", result.FactorsNote ?? ExplanationTexts.Factors).Append("</section>");
    }

    private static void AppendWhatIf(StringBuilder page, SiteLinks links, DiseaseDefinition disease, PredictionResult result, ResultContext context)
    {
        var changeable = disease.Fields.Where(f => f.Changeable && result.Inputs.GetValueOrDefault(f.Name) is not null).ToArray();
        if (changeable.Length == 0 && result.WhatIf is not { Count: > 0 })
        {
            return;
        }

        page.Append("<section class=\"what-if\" aria-labelledby=\"what-if-heading\"><h3 id=\"what-if-heading\">What if a value changed?</h3>");
        if (result.WhatIf is { Count: > 0 } targets)
        {
            page.Append("<p>If one value were at its healthy target, the others unchanged:</p><ul class=\"what-if-targets\">");
            foreach (var answer in targets)
            {
                var field = disease.Find(answer.Field)!;
                page.Append("<li").Attr("data-field", answer.Field).Append("><strong>").Text(answer.Label).Append("</strong> ")
                    .Text($"{ValueText.Of(field, answer.Value, TypedUnit(disease, context, field))} → {ValueText.Of(field, answer.Target, TypedUnit(disease, context, field))}: estimate {RiskText.Percent(answer.RiskPercentage, answer.Category)} ({RiskText.Change(answer.Difference)})")
                    .Append("</li>");
            }

            page.Append("</ul>");
        }

        if (changeable.Length > 0)
        {
            AppendWhatIfForm(page, links, disease, result, context, changeable);
        }

        page.Element("p", "factors-note", result.WhatIfNote ?? ExplanationTexts.WhatIf).Append("</section>");
    }

    private static void AppendWhatIfForm(StringBuilder page, SiteLinks links, DiseaseDefinition disease, PredictionResult result, ResultContext context, FieldDefinition[] changeable)
    {
        var path = $"/api/pages/predict/{disease.Key}/what-if";
        page.Append("<form class=\"what-if-form\" method=\"post\" novalidate data-enhance data-swap=\"#what-if-outcome\"").Attr("action", links.Api(path)).Attr("data-api-path", path).Append('>');
        foreach (var (name, value) in context.Patient)
        {
            page.Append("<input type=\"hidden\"").Attr("name", name).Attr("value", value).Append('>');
        }

        page.Append("<p>Change a value to see the model's estimate with it changed and the others held.</p><div class=\"what-if-controls\">");
        foreach (var field in changeable)
        {
            var id = "what-if-" + field.Name;
            var yours = result.Inputs[field.Name]!.Value;
            var shown = context.WhatIf?.Changes.GetValueOrDefault(field.Name) ?? yours;
            // In the unit the person typed the value in (the field's own when none other): the slider, its range, the healthy range.
            var unit = field.AlternativeUnits.FirstOrDefault(u => u.Unit == TypedUnit(disease, context, field));
            var (factor, unitName) = (unit?.ToFieldUnit ?? 1, unit?.Unit ?? field.Unit);
            var step = SliderStep(field, unit is null ? 1 : factor, integer: field.Kind == FieldKind.Integer && unit is null);
            var (min, max) = unit is null ? (field.Min, field.Max) : OnGrid(FieldRules.RangeIn(field, unit), yours / factor, step);
            var scale = field.Codes is null ? $" The slider goes from {ValueText.Number(min)} to {ValueText.WithUnit(ValueText.Number(max), unitName)}, the form's whole range." : "";
            page.Append("<div class=\"what-if-field\"").Attr("data-field", field.Name).Append("><label").Attr("for", id).Append('>').Text(field.Label).Append("</label>")
                .Append("<p class=\"hint\"").Attr("id", id + "-hint").Append('>').Text($"Yours: {ValueText.Of(field, yours, unit?.Unit)}.{Healthy(field, unit)}{scale}").Append("</p>");
            if (field.Codes is { } codes)
            {
                page.Append("<select").Attr("id", id).Attr("name", WhatIfReader.FormPrefix + field.Name).Attr("aria-describedby", id + "-hint").Append('>');
                foreach (var code in codes)
                {
                    page.Append("<option").Attr("value", code.Value.ToString(CultureInfo.InvariantCulture)).Append(code.Value == shown ? " selected" : "").Append('>').Text(code.Label).Append("</option>");
                }

                page.Append("</select>");
            }
            else
            {
                page.Append("<input type=\"text\"").Attr("inputmode", step == 1 ? "numeric" : "decimal").Attr("id", id).Attr("name", WhatIfReader.FormPrefix + field.Name)
                    .Attr("value", ValueText.Number(shown / factor)).Attr("data-yours", ValueText.Number(yours / factor)).Attr("aria-describedby", id + "-hint")
                    .Attr("data-min", min).Attr("data-max", max).Attr("data-step", step).Attr("data-unit", unitName).Append(" autocomplete=\"off\">");
                if (unit is not null)
                {
                    // The value is posted in this unit, and the server converts it by the definition's exact factor.
                    page.Append("<input type=\"hidden\"").Attr("name", WhatIfReader.UnitName(field.Name)).Attr("value", unit.Unit).Append('>');
                }
            }

            page.Append("</div>");
        }

        page.Append("</div><div class=\"actions\"><button type=\"submit\" class=\"button secondary\">Show the estimate</button></div>");
        AppendOutcome(page, disease, context);
        page.Append("</form>");
    }

    /// <summary>The outcome line of a what-if (the form's script swaps only this when it asks again).</summary>
    public static void AppendOutcome(StringBuilder page, DiseaseDefinition disease, ResultContext context)
    {
        var outcome = context.WhatIf;
        page.Append("<p id=\"what-if-outcome\" class=\"what-if-outcome\" role=\"status\"");
        if (outcome is null)
        {
            page.Append("></p>");
            return;
        }

        var (before, after) = (outcome.Before, outcome.After);
        page.Attr("data-risk", after.RiskPercentage.ToString(CultureInfo.InvariantCulture)).Append('>');
        if (outcome.Changes.Count == 0)
        {
            page.Text($"These are your values: the estimate is {RiskText.Percent(before.RiskPercentage, before.Category)}{InRange(before)}.").Append("</p>");
            return;
        }

        var changed = string.Join(" and ", outcome.Changes.Select(c => disease.Find(c.Key)!).Select(f => $"{LowerFirst(f.Label)} at {ValueText.Of(f, outcome.Changes[f.Name], TypedUnit(disease, context, f))}"));
        page.Text($"With {changed}, the estimate is ")
            .Append("<span class=\"what-if-new\">").Text(RiskText.Percent(after.RiskPercentage, after.Category)).Append("</span>")
            .Text($" ({after.Category}{InRange(after)}) instead of {RiskText.Percent(before.RiskPercentage, before.Category)}: {RiskText.Change(after.RiskPercentage - before.RiskPercentage)}.")
            .Append("</p>");
    }

    /// <summary>", 95% range 19% to 66%" (the model's data are consistent with anything in it), or nothing for a model without ranges.</summary>
    private static string InRange(PredictionResult estimate) => RiskText.RangeOnly(estimate.Interval) is { } range ? $", 95% range {range}" : "";

    /// <summary>
    /// A slider's range in another unit (rounded inward), moved onto the grid of steps through the person's value: a range
    /// input snaps its value to min + k × step, and 88.4 µmol/l on a grid from 8.84 would become 88.84, a change never made.
    /// </summary>
    private static (double Min, double Max) OnGrid((double Min, double Max) range, double yours, double step)
    {
        var (at, by) = ((decimal)double.Parse(ValueText.Number(yours), CultureInfo.InvariantCulture), (decimal)step);
        return ((double)(at - (decimal)Math.Floor((double)((at - (decimal)range.Min) / by)) * by),
            (double)(at + (decimal)Math.Floor((double)(((decimal)range.Max - at) / by)) * by));
    }

    /// <summary>The unit the person typed this field's value in (null: the field's own).</summary>
    public static string? TypedUnit(DiseaseDefinition disease, ResultContext context, FieldDefinition field) =>
        context.TypedUnits is { } units && disease.Fields.ToList().IndexOf(field) is var i and >= 0 && i < units.Count ? units[i] : null;

    /// <summary>
    /// " Healthy: 90–120 mm Hg." for a number, in <paramref name="unit"/> when the value was typed in it (" Healthy: 3.9–5.5
    /// mmol/l."); " Healthy: No." for a choice (its healthy options by name, never "No–No").
    /// </summary>
    private static string Healthy(FieldDefinition field, AlternativeUnit? unit)
    {
        if (field.Target is not { } target)
        {
            return "";
        }

        if (field.Codes is { } codes)
        {
            var healthy = codes.Where(c => c.Value >= target.Low && c.Value <= target.High).Select(c => c.Label).ToArray();
            return healthy.Length == 0 ? "" : $" Healthy: {string.Join(" or ", healthy)}.";
        }

        var factor = unit?.ToFieldUnit ?? 1;
        return target.Low == target.High
            ? $" Healthy: {ValueText.Of(field, target.Low, unit?.Unit)}."
            : unit is null ? $" Healthy: {ValueText.Number(target.Low)}–{ValueText.WithUnit(ValueText.Number(target.High), field.Unit)}."
            // In another unit rounded inward, as a range message is: every value it names is healthy.
            : $" Healthy: {ValueText.Number(FieldRules.RoundInward(target.Low / factor, up: true))}–{ValueText.Number(FieldRules.RoundInward(target.High / factor, up: false))} {unit.Unit}.";
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}
