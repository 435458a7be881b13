using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.People;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// A signed-in person's history (newest first, by test, with a chart per test) and one saved result (shown as the
/// result page shows it, with its suggestions). Signed out, a page that offers the sign-in.
/// </summary>
internal sealed class HistoryPageFunction(PeopleStore store, PageLinks pages, IOptions<GeminiOptions> gemini)
{
    public const int PageSize = 100;

    [Function("HistoryPage")]
    public async Task<HtmlPage> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/history")] HttpRequest request, CancellationToken cancellationToken)
    {
        var links = pages.Links;
        if (request.Caller() is not { } caller)
        {
            return SignedOut(links, "Your history", "history.html", "see your saved results");
        }

        var disease = request.Query["disease"].ToString() is { Length: > 0 } d && DiseaseCatalog.TryGet(d, out _) ? d : null;
        var continuation = request.Query["continuation"].ToString() is { Length: > 0 } c && PeopleStore.IsId(c) ? c : null;
        var (items, more) = await store.ListAsync(caller, disease, continuation, PageSize, cancellationToken);
        var page = SiteFrame.Begin(links, new PageHead("Your history", "history"));
        HistoryView.AppendHistory(page, links, new PredictionPage([.. items.Select(PeopleViews.Summary)], more ? items[^1].Id : null), disease);
        return new HtmlPage(SiteFrame.End(page, links), StatusCodes.Status200OK);
    }

    [Function("SavedResultPage")]
    public async Task<HtmlPage> RunSaved(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages/predictions/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var links = pages.Links;
        if (request.Caller() is not { } caller)
        {
            return SignedOut(links, "Saved result", "history.html", "see your saved results");
        }

        var found = PeopleStore.IsId(id) ? await store.GetPredictionAsync(caller, id, cancellationToken) : null;
        if (found is not { } saved || JsonSerializer.Deserialize(saved.Prediction.Answer, PredictionJsonContext.Default.PredictionResult) is not { } result
            || !DiseaseCatalog.TryGet(result.Disease, out var disease))
        {
            return NotFound.Page(links, "result in your history");
        }

        var patient = result.Inputs.Where(i => i.Value is not null)
            .Select(i => new KeyValuePair<string, string>(i.Key, i.Value!.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        // Each value in the unit it was typed in, as the live result showed it; a result saved before the units were kept is
        // shown in the unit system the site remembers for the person (?units=si): each lab value in its SI unit beside the model's.
        var typedUnits = PeopleViews.TypedUnits(saved.Prediction) is { } typed ? disease.Fields.Select(f => typed.GetValueOrDefault(f.Name)).ToArray()
            : request.Query["units"].ToString() == "si" ? disease.Fields.Select(f => f.AlternativeUnits.FirstOrDefault()?.Unit).ToArray() : null;
        var context = new ResultContext(saved.Prediction.SavedAt, typedUnits, patient, gemini.Value.IsConfigured, saved.Prediction.Id,
            SavedSuggestions: [.. saved.Suggestions.Select(PeopleViews.Suggestion)]);
        var page = SiteFrame.Begin(links, new PageHead($"{disease.ShortName}: saved result", "history"));
        HistoryView.AppendSaved(page, links, disease, result with { History = null }, context);
        return new HtmlPage(SiteFrame.End(page, links), StatusCodes.Status200OK);
    }

    private static HtmlPage SignedOut(SiteLinks links, string title, string back, string what)
    {
        var page = SiteFrame.Begin(links, new PageHead(title, "history"));
        HistoryView.AppendSignedOut(page, links, title, back, what);
        return new HtmlPage(SiteFrame.End(page, links), StatusCodes.Status401Unauthorized);
    }
}
