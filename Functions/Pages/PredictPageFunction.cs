using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Predictions.WhatIf;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// A disease's form posted (with or without the site's script): the disease's page with the values as typed and the
/// server's messages beside them, or with the result under the form; and the what-if form posted from a result, the
/// same page with the estimate for the changed values. Read, scored and saved as the JSON route does.
/// </summary>
internal sealed partial class PredictPageFunction(
    PredictionService predictions, DomainProblems problems, PageLinks pages, IOptions<GeminiOptions> gemini, TimeProvider time, ILogger<PredictPageFunction> logger)
{
    /// <summary>A disease's form, from a browser: one patient, as the JSON route's forms.</summary>
    private static readonly BodyRules Form = new(0, PredictionBody.MaxPatientBytes, "Send the disease's form.", PredictionBody.InvalidType);

    [Function("PredictPage")]
    public async Task<HtmlPage> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/predict/{disease:alpha}")] HttpRequest request, string disease, CancellationToken cancellationToken) =>
        await AnswerAsync(request, disease, whatIf: false, cancellationToken);

    [Function("WhatIfPage")]
    public async Task<HtmlPage> RunWhatIf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/predict/{disease:alpha}/what-if")] HttpRequest request, string disease, CancellationToken cancellationToken) =>
        await AnswerAsync(request, disease, whatIf: true, cancellationToken);

    private async Task<HtmlPage> AnswerAsync(HttpRequest request, string key, bool whatIf, CancellationToken cancellationToken)
    {
        var links = pages.Links;
        if (!DiseaseCatalog.TryGet(key, out var disease))
        {
            return NotFound.Page(links);
        }

        var (body, unreadable) = await RequestBodyReader.ReadAsync(request, Form, cancellationToken);
        if (body is null)
        {
            return Refused(links, disease, FormState.Empty with { General = Reason(unreadable!) }, unreadable!);
        }

        using (body)
        {
            var form = body.Form!;
            var typed = Typed(disease, form);
            var (options, invalid) = PredictionOptions.Read(request);
            PatientBatch? batch = null;
            WhatIfQuestion? question = null;
            if (invalid is null && whatIf)
            {
                (question, invalid) = WhatIfReader.Read(disease, form);
            }
            else if (invalid is null)
            {
                (batch, invalid) = FormPatientReader.Read(disease, form);
            }

            if (invalid is not null)
            {
                var errors = invalid.Errors is { } fieldErrors ? new Dictionary<string, string[]>(fieldErrors) : new Dictionary<string, string[]>();
                return Refused(links, disease, new FormState(typed, errors, errors.Count == 0 ? Reason(invalid) : null), invalid);
            }

            try
            {
                var context = new ResultContext(time.GetUtcNow(), (batch ?? question!.Pair).TypedUnits, [.. typed], gemini.Value.IsConfigured);
                var state = new FormState(typed, new Dictionary<string, string[]>());
                if (question is not null)
                {
                    // The patient and the changed patient, scored (and explained) in one run of one model version; nothing is saved.
                    var pair = await predictions.PredictAsync(disease, question.Pair, explain: true, cancellationToken);
                    LogAnswered(logger, "WhatIfPage", disease.Key, StatusCodes.Status200OK);
                    return new HtmlPage(DiseasePage.Render(links, disease, state, pair[0],
                        context with { WhatIf = new WhatIfOutcome(question.Changes(disease), pair[0], pair[1]) }), StatusCodes.Status200OK);
                }

                var result = (await predictions.AnswerAsync(disease, batch!, options!, request.Caller(), cancellationToken))[0];
                LogAnswered(logger, "PredictPage", disease.Key, StatusCodes.Status200OK);
                return new HtmlPage(DiseasePage.Render(links, disease, state, result, context), StatusCodes.Status200OK);
            }
            catch (Exception e) when (problems.TryMap(e, out var problem))
            {
                return Refused(links, disease, new FormState(typed, new Dictionary<string, string[]>(), Reason(problem)), problem);
            }
        }
    }

    /// <summary>What a person reads for a problem that is not about one field.</summary>
    public static string Reason(Problem problem) =>
        problem.Details.Detail ?? problem.Details.Title ?? "Something went wrong. Please try again.";

    private HtmlPage Refused(SiteLinks links, DiseaseDefinition disease, FormState state, Problem problem)
    {
        LogAnswered(logger, "PredictPage", disease.Key, problem.StatusCode);
        return new HtmlPage(DiseasePage.Render(links, disease, state), problem.StatusCode, problem.RetryAfterSeconds);
    }

    /// <summary>The values as posted, by field name (and <c>{field}.unit</c>), in field order: echoed into the form, and posted again by a what-if.</summary>
    private static Dictionary<string, string> Typed(DiseaseDefinition disease, IFormCollection form)
    {
        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in disease.Fields)
        {
            foreach (var name in new[] { field.Name, FieldRules.ToCamelCase(field.Name) })
            {
                if (form.TryGetValue(name, out var value) && value.Count > 0)
                {
                    typed.TryAdd(field.Name, value[0] ?? "");
                }

                if (form.TryGetValue(name + FormPatientReader.UnitSuffix, out var unit) && unit.Count > 0)
                {
                    typed.TryAdd(field.Name + FormPatientReader.UnitSuffix, unit[0] ?? "");
                }
            }
        }

        return typed;
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "{Page} for {Disease} answered {Status}")]
    private static partial void LogAnswered(ILogger logger, string page, string disease, int status);
}

/// <summary>A page route's answer for a disease (or a saved result) that does not exist.</summary>
internal static class NotFound
{
    public static HtmlPage Page(SiteLinks links, string what = "page")
    {
        var page = SiteFrame.Begin(links, new PageHead("Not found", null));
        page.Append("<h1>Not found</h1>").Element("p", null, $"There is no such {what}.");
        if (links.Page("index.html") is { } home)
        {
            page.Append("<p><a").Attr("href", home).Append(">Go to the tests</a></p>");
        }

        return new HtmlPage(SiteFrame.End(page, links), StatusCodes.Status404NotFound);
    }
}
