using System.Text;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// "Get suggestions" posted from a result: a page with 10–15 suggestions for it (for a saved result, saved with it and
/// listed with their read boxes), through the chat's one gate and service. The site's script puts only the suggestions' region into the result.
/// </summary>
internal sealed class SuggestionsPageFunction(
    ChatGate gate, ChatService chat, ISavedPredictions saved, PeopleStore store, DomainProblems problems, PageLinks pages, IOptions<GeminiOptions> gemini)
{
    public const string Name = "SuggestionsPage";

    [Function(Name)]
    public async Task<HtmlPage> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/suggestions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = ChatCallInfo.Start(Name, request, gemini.Value.Model);
        var links = pages.Links;
        var asked = await gate.AdmitAsync(request, call, ChatBody.Form, AssistantForms.Suggestions, cancellationToken);
        var id = asked.Request?.PredictionId;
        if (!asked.Admitted)
        {
            return Page(links, id, asked.Refused!.StatusCode == StatusCodes.Status429TooManyRequests
                ? $"You have asked for a lot in a short time. You can ask again in {asked.Refused.RetryAfterSeconds} seconds."
                : AssistantPage.Reason(asked.Refused), asked.Refused);
        }

        try
        {
            var suggestions = await chat.SuggestAsync(asked.Request!.Prediction!, call, cancellationToken);
            if (id is null)
            {
                return Page(links, null, null, null, page => AssistantView.AppendSuggestions(page, suggestions));
            }

            var caller = request.Caller()!;
            var note = await saved.SaveSuggestionsAsync(caller, id, suggestions, cancellationToken);
            var kept = note.Saved ? (await store.GetPredictionAsync(caller, id, cancellationToken))?.Suggestions : null;
            return Page(links, id, null, null, page => AssistantView.AppendSuggestions(page,
                kept?.Select(s => s.Text).ToArray() ?? suggestions, kept?.Select(s => (s.Id, s.Read)).ToArray(), note.Saved ? null : $"Not saved: {note.Reason}"));
        }
        catch (Exception exception) when (problems.TryMap(exception, out var failed))
        {
            return Page(links, id, AssistantPage.Reason(failed), failed);
        }
    }

    /// <summary>A page with the suggestions' region: the suggestions, or why there are none.</summary>
    private static HtmlPage Page(SiteLinks links, string? savedId, string? error, Problem? problem, Action<StringBuilder>? suggestions = null)
    {
        var page = SiteFrame.Begin(links, new PageHead("Suggestions", null));
        page.Append("<h1>Suggestions for your result</h1>");
        if (suggestions is not null)
        {
            suggestions(page);
        }
        else
        {
            page.Append("<div id=\"suggestions-area\" class=\"suggestions-area\" aria-live=\"polite\"><p class=\"error-message\" role=\"alert\">").Text(error).Append("</p></div>");
        }

        var back = savedId is not null ? links.Page("prediction.html?id=" + Uri.EscapeDataString(savedId)) : null;
        if (back is not null)
        {
            page.Append("<p><a").Attr("href", back).Append(">Back to the result</a></p>");
        }
        else
        {
            page.Append("<p>Your browser's Back button returns to the result.</p>");
        }

        return new HtmlPage(SiteFrame.End(page, links), problem?.StatusCode ?? StatusCodes.Status200OK, problem?.RetryAfterSeconds);
    }
}
