using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The no-JavaScript result page's share of an explanation, as text: what the percentage is relative to, the
/// factors that moved the estimate most (with the baseline they are measured from), and the what-if answers.
/// </summary>
internal static class FactorsHtml
{
    public const int TopFactors = 5;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static void Append(StringBuilder page, DiseaseDefinition disease, PredictionResult result, string level)
    {
        if (result is { Factors: { } factors, Baseline: { } baseline })
        {
            var top = factors.Where(f => f.Contribution != 0).Take(TopFactors).ToArray();
            page.Append('<').Append(level).Append(">What moved the estimate</").Append(level).Append("><p>Compared with the model's estimate for a typical patient of its training data (")
                .Append(Percent(baseline)).Append("):</p>");
            if (top.Length == 0)
            {
                page.Append("<p>Your values are those of the typical patient: nothing moved the estimate.</p>");
            }
            else
            {
                page.Append("<ol class=\"factors\">");
                foreach (var factor in top)
                {
                    var field = disease.Find(factor.Field)!;
                    page.Append("<li><strong>").Append(Encode(factor.Label)).Append("</strong> (")
                        .Append(Encode(Describe(field.Codes, field.Unit, factor.Value))).Append(") ")
                        .Append(factor.Contribution > 0 ? "raises" : "lowers").Append(" the estimate by ")
                        .Append(Points(Math.Abs(factor.Contribution)));
                    if (factor.Note is { } note)
                    {
                        page.Append(". <em>").Append(Encode(note)).Append("</em>");
                    }

                    page.Append("</li>");
                }

                page.Append("</ol>");
            }

            page.Append("<p class=\"note\">").Append(Encode(result.FactorsNote ?? ExplanationTexts.Factors)).Append("</p>");
        }

        if (result.WhatIf is { Count: > 0 } whatIf)
        {
            page.Append('<').Append(level).Append(">If a value were at its healthy target</").Append(level).Append("><ul class=\"what-if\">");
            foreach (var answer in whatIf)
            {
                var field = disease.Find(answer.Field)!;
                page.Append("<li><strong>").Append(Encode(answer.Label)).Append("</strong> ")
                    .Append(Encode(Describe(field.Codes, field.Unit, answer.Value))).Append(" → ")
                    .Append(Encode(Describe(field.Codes, field.Unit, answer.Target))).Append(": estimate ")
                    .Append(Percent(answer.RiskPercentage)).Append(" (")
                    .Append(answer.Difference > 0 ? "+" : answer.Difference < 0 ? "−" : "±").Append(Points(Math.Abs(answer.Difference))).Append(")</li>");
            }

            page.Append("</ul><p class=\"note\">").Append(Encode(result.WhatIfNote ?? ExplanationTexts.WhatIf)).Append("</p>");
        }
    }

    private static string Describe(IReadOnlyList<Diseases.Fields.FieldCode>? codes, string? unit, double? value)
    {
        if (value is not { } v)
        {
            return "not given";
        }

        if (codes?.FirstOrDefault(c => c.Value == v) is { } code)
        {
            return code.Label;
        }

        var number = v.ToString("0.###", CultureInfo.InvariantCulture);
        return unit is { } u ? $"{number} {u}" : number;
    }

    private static string Percent(double percentage) => percentage.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Points(double points) =>
        points.ToString("0.##", CultureInfo.InvariantCulture) + (points == 1 ? " percentage point" : " percentage points");

    private static string Encode(string text) => Encoder.Encode(text);
}
