using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ChatLog = HealthOracle.Functions.Chat.Log;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// The assistant's form posted: the conversation with the new reply and the form for the next question. With
/// <c>Accept: text/event-stream</c> (the site's script) the reply streams as text and the last event carries the
/// page's main region; without, the page is the answer. The same rate limit, bounds and model as the JSON route. A
/// refusal or failure never echoes the posted conversation (the answer stays small whatever was posted): the
/// question is kept in the box, and the browser's Back button returns to the conversation.
/// </summary>
internal sealed class ChatPageFunction(
    IChatClient chat, ChatRateLimiter limiter, SavedPredictions saved, PageLinks pages, IOptions<GeminiOptions> gemini, ILogger<ChatPageFunction> logger)
{
    public const string Name = "ChatPage";

    [Function(Name)]
    public async Task<Results<HtmlPage, ChatPageStream>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/chat")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = new ChatCallInfo(Name, request.HttpContext.TraceIdentifier, gemini.Value.Model, Stopwatch.GetTimestamp());
        var links = pages.Links;
        var (form, unreadable) = await PageForm.ReadAsync(request, ChatBody.MaxBytes, cancellationToken);
        if (form is null)
        {
            ChatLog.ChatRefused(logger, Name, call.RequestId, unreadable!.StatusCode, "body");
            return Failed(links, null, null, null, unreadable);
        }

        var message = form.TryGetValue(ChatFields.Message, out var typed) ? typed.ToString().Trim() : null;
        // Without the site's script the browser's Back button returns to the conversation a refusal does not repeat.
        var stream = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
        var hadHistory = form[ChatFields.HistoryUser].Count > 0 && !stream;
        var (prediction, predictionId, badContext) = ReadContext(form);
        if (badContext is not null)
        {
            return Failed(links, null, Kept(message), null, badContext);
        }

        var (context, contextField, missing) = await ContextAsync(request, prediction, predictionId, cancellationToken);
        if (missing is not null)
        {
            return Failed(links, null, Kept(message), null, missing);
        }

        if (message is null && context is not null)
        {
            // "Ask the assistant about this result": the conversation starts, nothing is asked yet.
            return Page(links, new Conversation([], Context: context.Sentence, ContextField: contextField), StatusCodes.Status200OK);
        }

        if (!limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            ChatLog.ChatRateLimited(logger, Name, call.RequestId, retryAfterSeconds);
            return Failed(links, context, Kept(message), contextField, ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute), hadHistory);
        }

        var users = form[ChatFields.HistoryUser];
        var models = form[ChatFields.HistoryModel];
        if (users.Count != models.Count)
        {
            return Failed(links, context, Kept(message), contextField, ChatProblems.Invalid("history", "The conversation in the form is incomplete; start a new conversation."));
        }

        var history = new List<ChatTurn>(users.Count * 2);
        for (var i = 0; i < users.Count; i++)
        {
            history.Add(new ChatTurn("user", users[i]));
            history.Add(new ChatTurn("model", models[i]));
        }

        var body = new ChatRequest(message, history, prediction);
        if (ChatValidator.Validate(body) is { Count: > 0 } errors)
        {
            var problem = ChatProblems.Invalid(errors);
            ChatLog.ChatRefused(logger, Name, call.RequestId, problem.StatusCode, string.Join(",", errors.Keys));
            return Failed(links, context, Kept(message), contextField, problem, hadHistory);
        }

        body = body with { Prediction = prediction ?? context?.Prediction };
        var conversation = new Conversation(history, Context: context?.Sentence, ContextField: contextField);
        try
        {
            if (stream)
            {
                var updates = chat.GetStreamingResponseAsync(ChatPrompts.ChatMessages(body), ChatPrompts.ChatOptions(body.Prediction), cancellationToken);
                return await ChatPageStream.StartAsync(updates, (reply, reason) => MainRegion(links, Answered(conversation, message!, reply, reason)),
                    failed => MainRegion(links, conversation with { Question = message, Error = Reason(failed, hadHistory) }), call, logger, cancellationToken);
            }

            var response = await chat.GetResponseAsync(ChatPrompts.ChatMessages(body), ChatPrompts.ChatOptions(body.Prediction), cancellationToken);
            var answer = ChatReplies.From(response, call.DefaultModel);
            ChatLog.ChatAnswered(logger, Name, call.RequestId, answer.FinishReason, message!.Length, history.Count, ChatValidator.HistoryBytes(history),
                body.Prediction is not null, answer.Reply?.Length ?? 0, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            return Page(links, Answered(conversation, message, answer.Reply, answer.FinishReason), StatusCodes.Status200OK);
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var failed))
        {
            ChatLog.ChatFailed(logger, Name, call.RequestId, failed.StatusCode, exception.GetType().Name);
            return Failed(links, context, Kept(message), contextField, failed, hadHistory);
        }
    }

    /// <summary>The conversation with the new exchange, or, without a reply, the question kept and why there is none.</summary>
    private static Conversation Answered(Conversation conversation, string question, string? reply, string finishReason)
    {
        var note = finishReason switch
        {
            "STOP" => null,
            "MAX_TOKENS" => "The reply was cut short because it reached its length limit.",
            ChatReplies.Safety => ChatReplies.SafetyMessage,
            _ => $"The reply ended early ({finishReason}).",
        };
        return reply is { Length: > 0 }
            ? conversation with { History = [.. conversation.History, new ChatTurn("user", question), new ChatTurn("model", reply)], Note = note }
            : conversation with { Question = question, Error = note ?? "The assistant gave no reply. Please try again." };
    }

    /// <summary>The live result posted with the question (the chat's prediction context, as JSON), or a saved result's id.</summary>
    private static (PredictionContext? Prediction, string? PredictionId, Problem? Problem) ReadContext(IFormCollection form)
    {
        var id = form[AssistantView.PredictionIdField].ToString() is { Length: > 0 } value ? value : null;
        if (form[AssistantView.PredictionField].ToString() is not { Length: > 0 } json)
        {
            return (null, id, null);
        }

        try
        {
            return (JsonSerializer.Deserialize(json, ChatJsonContext.Default.PredictionContext), id, null);
        }
        catch (JsonException)
        {
            return (null, null, ChatProblems.Invalid("prediction", "The result sent with the question could not be read; ask about it again from the result."));
        }
    }

    private async Task<(ContextInfo? Context, KeyValuePair<string, string>? Field, Problem? Problem)> ContextAsync(
        HttpRequest request, PredictionContext? prediction, string? predictionId, CancellationToken cancellationToken)
    {
        if (predictionId is not null)
        {
            var (context, problem) = await saved.ContextAsync(request, predictionId, cancellationToken);
            return context is null
                ? (null, null, problem)
                : (new ContextInfo(Sentence(context, saved: true), context), new(AssistantView.PredictionIdField, predictionId), null);
        }

        if (prediction is null || ChatValidator.Validate(new ChatRequest("-", [], prediction)) is { Count: > 0 })
        {
            return prediction is null ? (null, null, null) : (null, null, ChatProblems.Invalid("prediction", "The result sent with the question is not a result of this service."));
        }

        var json = JsonSerializer.Serialize(prediction, ChatJsonContext.Default.PredictionContext);
        return (new ContextInfo(Sentence(prediction, saved: false), prediction), new(AssistantView.PredictionField, json), null);
    }

    private static string Sentence(PredictionContext prediction, bool saved)
    {
        var name = DiseaseCatalog.TryGet(prediction.Disease ?? "", out var disease) ? disease.ShortName : prediction.Disease;
        var category = Enum.TryParse<RiskCategory>(prediction.Category, out var c) ? c : Risk.Categorize(prediction.RiskPercentage ?? 0);
        return $"The assistant can see your {(saved ? "saved " : "")}{name} result: {RiskText.Percent(prediction.RiskPercentage ?? 0, category)}, {category} risk, and the values {(saved ? "it came from" : "you entered")}.";
    }

    private static string? Kept(string? question) => question is { Length: <= ChatLimits.MaxMessageChars } ? question : null;

    private static HtmlPage Failed(SiteLinks links, ContextInfo? context, string? question, KeyValuePair<string, string>? field, Problem problem, bool hadHistory = false) =>
        Page(links, new Conversation([], question, Error: Reason(problem, hadHistory), RetryAfterSeconds: problem.RetryAfterSeconds, Context: context?.Sentence, ContextField: field),
            problem.StatusCode, problem.RetryAfterSeconds);

    private static string Reason(Problem problem, bool hadHistory)
    {
        var reason = problem.StatusCode switch
        {
            503 when problem.Details.Title == ChatProblems.NotConfiguredTitle => AssistantView.NotConfigured,
            502 => "The assistant's model failed to answer. Please try again.",
            504 => "The assistant's model did not answer in time. Please try again.",
            429 => $"You have asked many questions in a short time. You can ask again in {problem.RetryAfterSeconds} seconds.",
            400 when problem.Errors is { Count: > 0 } errors => string.Join(" ", errors.Values.SelectMany(m => m).Select(Sentence)),
            _ => PageForm.Reason(problem),
        };
        return hadHistory ? reason + " Your browser's Back button returns to the conversation." : reason;
    }

    private static string Sentence(string message) => message.Length > 0 ? char.ToUpperInvariant(message[0]) + message[1..] : message;

    private static HtmlPage Page(SiteLinks links, Conversation conversation, int status, int? retryAfterSeconds = null)
    {
        var page = SiteFrame.Begin(links, new PageHead(ChatView.Title, "chat"));
        ChatView.AppendMain(page, links, conversation, chatConfigured: null);
        return new HtmlPage(SiteFrame.End(page, links), status, retryAfterSeconds);
    }

    private static string MainRegion(SiteLinks links, Conversation conversation)
    {
        var main = new StringBuilder(4096);
        ChatView.AppendMain(main, links, conversation, chatConfigured: null);
        return main.ToString();
    }

    private sealed record ContextInfo(string Sentence, PredictionContext Prediction);
}
