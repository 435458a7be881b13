using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// A disease's form posted (with or without the site's script): the disease's page with the values as typed and the
/// server's messages beside them, or with the result under the form; and the what-if form posted from a result, the
/// same page with the estimate for the changed values.
/// </summary>
internal sealed partial class PredictPageFunction(
    PredictionService predictions, PageLinks pages, IOptions<GeminiOptions> gemini, IOptions<ModelStoreOptions> store,
    TimeProvider time, ILogger<PredictPageFunction> logger, PredictionRecorder? recorder = null)
{
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

        var (form, unreadable) = await PageForm.ReadAsync(request, RequestProblems.MaxPatientBytes, cancellationToken);
        if (form is null)
        {
            return Refused(links, disease, FormState.Empty with { General = PageForm.Reason(unreadable!) }, unreadable!);
        }

        var typed = Typed(disease, form);
        var (batch, invalid) = FormPatientReader.Read(disease, form);
        var changes = new Dictionary<string, double?>(StringComparer.Ordinal);
        if (whatIf && batch is not null)
        {
            invalid = ReadChanges(disease, form, batch, changes);
        }

        invalid ??= PredictionRecorder.CheckQuery(request);
        if (invalid is not null)
        {
            var errors = invalid.Errors is { } fieldErrors ? new Dictionary<string, string[]>(fieldErrors) : new Dictionary<string, string[]>();
            var state = new FormState(typed, errors, errors.Count == 0 ? PageForm.Reason(invalid) : null);
            return Refused(links, disease, state, invalid);
        }

        try
        {
            var at = time.GetUtcNow();
            var patient = typed.Select(p => p).ToArray();
            var context = new ResultContext(at, batch!.TypedUnits, patient, gemini.Value.IsConfigured);
            if (whatIf)
            {
                // The patient and the changed patient, scored (and explained) in one run of one model version; nothing is saved.
                var pair = await predictions.PredictAsync(disease, Pair(batch, disease, changes), cancellationToken);
                LogAnswered(logger, "WhatIfPage", disease.Key, StatusCodes.Status200OK);
                return new HtmlPage(DiseasePage.Render(links, disease, new FormState(typed, new Dictionary<string, string[]>()), pair[0],
                    context with { WhatIf = new WhatIfOutcome(changes, pair[0], pair[1]) }), StatusCodes.Status200OK);
            }

            var results = await predictions.PredictAsync(disease, batch, cancellationToken);
            var result = (recorder is null ? results : await recorder.RecordAsync(request, false, results, cancellationToken))[0];
            LogAnswered(logger, "PredictPage", disease.Key, StatusCodes.Status200OK);
            return new HtmlPage(DiseasePage.Render(links, disease, new FormState(typed, new Dictionary<string, string[]>()), result, context), StatusCodes.Status200OK);
        }
        catch (ModelUnavailableException e)
        {
            var problem = PredictionService.ModelUnavailable(e, store.Value.RetryAfterSeconds);
            return Refused(links, disease, new FormState(typed, new Dictionary<string, string[]>(), PageForm.Reason(problem)), problem);
        }
    }

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

    /// <summary>The what-if's changed values (<c>whatif.{field}</c>, in the field's own unit), checked as any value is.</summary>
    private static Problem? ReadChanges(DiseaseDefinition disease, IFormCollection form, PatientBatch batch, Dictionary<string, double?> changes)
    {
        var errors = new Errors();
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var field = disease.Fields[f];
            if (!form.TryGetValue(Changes.Prefix + field.Name, out var values) || values.ToString().Trim() is not { Length: > 0 } text)
            {
                continue;
            }

            if (!field.Changeable)
            {
                errors.Add(field.Name, "cannot be changed in a what-if.");
                continue;
            }

            var value = double.NaN;
            var message = FieldRules.TryParseTyped(field, text, 1, out var parsed, out var ambiguity) ? ambiguity : FieldRules.NotANumber;
            message ??= FieldRules.Accept(field, parsed, out value);
            if (message is not null)
            {
                errors.Add(field.Name, message);
            }
            else if (!value.Equals(batch.Value(0, f)))
            {
                changes[field.Name] = double.IsNaN(value) ? null : value;
            }
        }

        return errors.Any ? RequestProblems.Invalid(errors) : null;
    }

    private static PatientBatch Pair(PatientBatch patient, DiseaseDefinition disease, IReadOnlyDictionary<string, double?> changes)
    {
        var values = new double[patient.Fields * 2];
        patient.Values.AsSpan(0, patient.Fields).CopyTo(values);
        patient.Values.AsSpan(0, patient.Fields).CopyTo(values.AsSpan(patient.Fields));
        foreach (var (name, value) in changes)
        {
            values[patient.Fields + disease.IndexOf(name)] = value ?? double.NaN;
        }

        return new PatientBatch(values, 2, patient.Fields, isArray: true);
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
