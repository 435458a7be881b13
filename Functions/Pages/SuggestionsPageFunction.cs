using System.Diagnostics;
using System.Text.Json;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Identity;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ChatLog = HealthOracle.Functions.Chat.Log;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// "Get suggestions" posted from a result: a page with 10–15 suggestions for it (for a saved result, saved with it and
/// listed with their read boxes). The site's script puts only the suggestions' region into the result.
/// </summary>
internal sealed class SuggestionsPageFunction(
    IChatClient chat, ChatRateLimiter limiter, SavedPredictions saved, PeopleStore store, PageLinks pages, IOptions<GeminiOptions> gemini, ILogger<SuggestionsPageFunction> logger)
{
    public const string Name = "SuggestionsPage";

    [Function(Name)]
    public async Task<HtmlPage> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/suggestions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = new ChatCallInfo(Name, request.HttpContext.TraceIdentifier, gemini.Value.Model, Stopwatch.GetTimestamp());
        var links = pages.Links;
        if (!limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            ChatLog.ChatRateLimited(logger, Name, call.RequestId, retryAfterSeconds);
            return Page(links, null, $"You have asked for a lot in a short time. You can ask again in {retryAfterSeconds} seconds.", ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute));
        }

        var (form, unreadable) = await PageForm.ReadAsync(request, ChatBody.MaxBytes, cancellationToken);
        if (form is null)
        {
            return Page(links, null, PageForm.Reason(unreadable!), unreadable);
        }

        var id = form[AssistantView.PredictionIdField].ToString() is { Length: > 0 } value ? value : null;
        PredictionContext? prediction = null;
        try
        {
            prediction = form[AssistantView.PredictionField].ToString() is { Length: > 0 } json ? JsonSerializer.Deserialize(json, ChatJsonContext.Default.PredictionContext) : null;
        }
        catch (JsonException)
        {
            return Page(links, null, "The result could not be read; ask for suggestions again from the result.", ChatProblems.Invalid("prediction", "not a result."));
        }

        if (ChatValidator.Validate(new SuggestionsRequest(prediction, id)) is { Count: > 0 } errors)
        {
            var invalid = ChatProblems.Invalid(errors);
            ChatLog.ChatRefused(logger, Name, call.RequestId, invalid.StatusCode, string.Join(",", errors.Keys));
            return Page(links, id, "These suggestions could not be asked for: " + string.Join(" ", errors.Values.SelectMany(m => m)), invalid);
        }

        if (id is not null)
        {
            var (context, problem) = await saved.ContextAsync(request, id, cancellationToken);
            if (context is null)
            {
                return Page(links, null, PageForm.Reason(problem!), problem);
            }

            prediction = context;
        }

        try
        {
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, ChatPrompts.SuggestionsUserMessage)], ChatPrompts.SuggestionsOptions(prediction!), cancellationToken);
            var (suggestions, unusable) = SuggestionsParser.Parse(response);
            if (suggestions is null)
            {
                ChatLog.ChatFailed(logger, Name, call.RequestId, StatusCodes.Status502BadGateway, unusable!);
                return Page(links, id, "The assistant's model gave no usable suggestions. Please try again.", ChatProblems.SuggestionsUnusable(unusable!));
            }

            ChatLog.ChatAnswered(logger, Name, call.RequestId, ChatReplies.FinishReasonOf(response.FinishReason), 0, 0, 0, true,
                suggestions.Sum(s => s.Length), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            if (id is null)
            {
                return Page(links, null, null, null, page => AssistantView.AppendSuggestions(page, suggestions));
            }

            var note = await saved.SaveSuggestionsAsync(request, id, suggestions, cancellationToken);
            var kept = note.Saved ? (await store.GetPredictionAsync(request.Caller()!, id, cancellationToken))?.Suggestions : null;
            return Page(links, id, null, null, page => AssistantView.AppendSuggestions(page,
                kept?.Select(s => s.Text).ToArray() ?? suggestions, kept?.Select(s => (s.Id, s.Read)).ToArray(), note.Saved ? null : $"Not saved: {note.Reason}"));
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var failed))
        {
            ChatLog.ChatFailed(logger, Name, call.RequestId, failed.StatusCode, exception.GetType().Name);
            var reason = failed.Details.Title == ChatProblems.NotConfiguredTitle ? AssistantView.NotConfigured
                : failed.StatusCode == StatusCodes.Status504GatewayTimeout ? "The assistant's model did not answer in time. Please try again."
                : "The assistant's model failed to answer. Please try again.";
            return Page(links, id, reason, failed);
        }
    }

    /// <summary>A page with the suggestions' region: the suggestions, or why there are none.</summary>
    private static HtmlPage Page(SiteLinks links, string? savedId, string? error, Problem? problem, Action<System.Text.StringBuilder>? suggestions = null)
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
