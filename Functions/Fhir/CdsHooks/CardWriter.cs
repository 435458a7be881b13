using System.Globalization;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.Site;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>
/// The cards a hook call answers. A scored patient: a summary under 140 characters with the percentage, its 95%
/// range, the category and what it is relative to; the indicator from the category (Low info, Moderate warning, High
/// critical); Markdown detail with the largest factors, the population, the inputs not found and the disclaimer; the
/// model as the source (its card on the site); a link to the disease's form on the site; a suggestion that creates the
/// RiskAssessment. A record without what the model needs: one info card naming what is missing.
/// </summary>
internal static class CardWriter
{
    public const int MaxSummary = 139;

    public static CdsCard Scored(DiseaseDefinition disease, FhirAssessment assessment, SiteLinks site)
    {
        var result = assessment.Result!;
        var range = result.Interval is { } interval
            ? $" ({Percent(interval.LowerPercentage)}–{Percent(interval.UpperPercentage)} %)"
            : "";
        var summary = Fit($"{disease.DisplayName} risk {Percent(result.RiskPercentage)} %{range}, {result.Category}", ", relative to " + disease.Population.Brief);
        var detail = new StringBuilder()
            .Append("**").Append(Percent(result.RiskPercentage)).Append(" %**")
            .Append(result.Interval is { } i ? $" (95% interval {Percent(i.LowerPercentage)}–{Percent(i.UpperPercentage)} %)" : "")
            .Append(", **").Append(result.Category).Append("**. ")
            .AppendLine(result.Model.Population?.RelativeTo ?? disease.Population.RelativeTo)
            .AppendLine();
        if (result.Factors is { Count: > 0 } factors)
        {
            detail.AppendLine("What moved the estimate most, in percentage points from the reference patient's estimate:").AppendLine();
            foreach (var factor in factors.Take(3))
            {
                detail.Append("- ").Append(Markdown(factor.Label)).Append(": ").Append(factor.Contribution >= 0 ? "+" : "−")
                    .AppendLine(Math.Abs(factor.Contribution).ToString("0.#", CultureInfo.InvariantCulture));
            }

            detail.AppendLine();
        }

        AppendIssues(detail, assessment, "Not found or passed over");
        if (result.Model.Notice is { Length: > 0 } notice)
        {
            detail.AppendLine(Markdown(notice)).AppendLine();
        }

        detail.Append('*').Append(Markdown(result.Disclaimer)).Append('*');

        var resource = FhirJson.ToElement(assessment.RiskAssessment!);
        return new CdsCard(Guid.NewGuid().ToString(), summary, Indicator(result.Category), Source(disease, result.Model.Name, result.Model.Version, site))
        {
            Detail = detail.ToString(),
            Links = Links(disease, site),
            Suggestions =
            [
                new CdsSuggestion($"Save this {disease.ShortName.ToLowerInvariant()} risk assessment to the record", Guid.NewGuid().ToString(),
                [
                    new CdsAction("create", $"Create a RiskAssessment: {disease.DisplayName.ToLowerInvariant()} {Percent(result.RiskPercentage)} % ({result.Category}), model {result.Model.Name} {result.Model.Version}.", resource),
                ]),
            ],
            SelectionBehavior = "any",
        };
    }

    public static CdsCard CannotScore(DiseaseDefinition disease, FhirAssessment assessment, SiteLinks site)
    {
        var missing = assessment.Inputs.Issues.Where(i => i.IsError).ToList();
        var summary = Fit($"{disease.DisplayName} risk: not estimated, {missing.Count} input{(missing.Count == 1 ? "" : "s")} missing or unusable", "");
        var detail = new StringBuilder().AppendLine("The model needs these before it can estimate:").AppendLine();
        AppendIssues(detail, assessment, null);
        return new CdsCard(Guid.NewGuid().ToString(), summary, "info", Source(disease, null, null, site))
        {
            Detail = detail.ToString().TrimEnd(),
            Links = Links(disease, site),
        };
    }

    public static string Indicator(RiskCategory category) => category switch
    {
        RiskCategory.Low => "info",
        RiskCategory.Moderate => "warning",
        _ => "critical",
    };

    private static void AppendIssues(StringBuilder detail, FhirAssessment assessment, string? heading)
    {
        var issues = assessment.Inputs.Issues.Where(i => i.Field is not null && (heading is null ? i.IsError : !i.IsError)).ToList();
        if (issues.Count == 0)
        {
            return;
        }

        if (heading is not null)
        {
            detail.Append(heading).AppendLine(":").AppendLine();
        }

        foreach (var issue in issues)
        {
            detail.Append("- ").AppendLine(Markdown(issue.Message));
        }

        detail.AppendLine();
    }

    private static CdsSource Source(DiseaseDefinition disease, string? model, string? version, SiteLinks site) =>
        new(model is null ? "HealthOracle " + disease.ShortName.ToLowerInvariant() + " model" : $"HealthOracle {model} {version}")
        {
            Url = site.Page($"model-{disease.Key}.html"),
        };

    private static IReadOnlyList<CdsLink>? Links(DiseaseDefinition disease, SiteLinks site) =>
        site.Page(disease.Key + ".html") is { } form
            ? [new CdsLink($"{disease.DisplayName}: the form, the model card and what the estimate means", form, "absolute")]
            : null;

    private static string Fit(string head, string tail) => head.Length + tail.Length <= MaxSummary ? head + tail : head.Length <= MaxSummary ? head : head[..(MaxSummary - 1)] + "…";

    private static string Percent(double percentage) => percentage.ToString(percentage < 10 ? "0.#" : "0", CultureInfo.InvariantCulture);

    // The detail is Markdown: the definitions' sentences carry no markup, but an asterisk or underscore would start some.
    private static string Markdown(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
