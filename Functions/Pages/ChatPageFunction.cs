using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Diseases;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Pages;

/// <summary>
/// The assistant's form posted: the conversation with the new reply and the form for the next question, through the
/// chat's one gate and service. With <c>Accept: text/event-stream</c> (the site's script) the reply streams as text and
/// the last event carries the page's main region; without, the page is the answer. A refusal or failure never echoes
/// the posted conversation (the answer stays small whatever was posted): the question is kept in the box, and the
/// browser's Back button returns to the conversation.
/// </summary>
internal sealed class ChatPageFunction(ChatGate gate, ChatService chat, DomainProblems problems, PageLinks pages, IOptions<GeminiOptions> gemini)
{
    public const string Name = "ChatPage";

    [Function(Name)]
    public async Task<Results<HtmlPage, ChatStreamResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pages/chat")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = ChatCallInfo.Start(Name, request, gemini.Value.Model);
        var links = pages.Links;
        var stream = ChatGate.WantsEventStream(request);
        var asked = await gate.AdmitAsync(request, call, ChatBody.Form, AssistantForms.Question, cancellationToken);
        var question = asked.Request?.Chat;
        var context = Context(question);

        // Without the site's script the browser's Back button returns to the conversation a refusal does not repeat.
        var hadHistory = question?.History is { Count: > 0 } && !stream;
        if (!asked.Admitted)
        {
            // A result the assistant will not see (refused, or no assistant here) is not said to be seen.
            var unseen = asked.Refused is { StatusCode: 400 or 401 or 404 } || asked.Refused!.Details.Type == ProblemTypes.ChatNotConfigured.Uri;
            return Failed(links, unseen ? null : context, question?.Message, asked.Refused!, hadHistory);
        }

        if (asked.Request!.Opening)
        {
            // "Ask the assistant about this result": the conversation starts, nothing is asked yet.
            return Page(links, new Conversation([], Context: context!.Value.Sentence, ContextField: context.Value.Field), StatusCodes.Status200OK);
        }

        var conversation = new Conversation(question!.History ?? [], Context: context?.Sentence, ContextField: context?.Field);
        try
        {
            if (stream)
            {
                return await chat.StreamAsync(question, call, cancellationToken, new ChatStreamEnd(
                    (reply, reason, _) => Event(MainRegion(links, Answered(conversation, question.Message!, reply, reason))),
                    failed => Event(MainRegion(links, conversation with { Question = question.Message, Error = AssistantPage.Reason(failed, hadHistory) }), failed.StatusCode)));
            }

            var answer = await chat.AskAsync(question, call, cancellationToken);
            return Page(links, Answered(conversation, question.Message!, answer.Reply, answer.FinishReason), StatusCodes.Status200OK);
        }
        catch (Exception exception) when (problems.TryMap(exception, out var failed))
        {
            return Failed(links, context, question.Message, failed, hadHistory);
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

    /// <summary>What the assistant can see, in words, and the hidden field that keeps it for the next question.</summary>
    private static (string Sentence, KeyValuePair<string, string> Field)? Context(ChatRequest? question)
    {
        if (question?.Prediction is not { } prediction)
        {
            return null;
        }

        var saved = question.PredictionId is not null;
        var name = DiseaseCatalog.TryGet(prediction.Disease ?? "", out var disease) ? disease.ShortName : prediction.Disease;
        var category = Enum.TryParse<RiskCategory>(prediction.Category, out var c) ? c : Risk.Categorize(prediction.RiskPercentage ?? 0);
        var sentence = $"The assistant can see your {(saved ? "saved " : "")}{name} result: {RiskText.Percent(prediction.RiskPercentage ?? 0, category)}, {category} risk, and the values {(saved ? "it came from" : "you entered")}.";
        return (sentence, saved
            ? new(AssistantView.PredictionIdField, question.PredictionId!)
            : new(AssistantView.PredictionField, JsonSerializer.Serialize(prediction, ChatJsonContext.Default.PredictionContext)));
    }

    /// <summary>The assistant's page for a refused request: why, and the question kept (never the conversation).</summary>
    internal static HtmlPage Refused(SiteLinks links, Problem problem, string? question) => Failed(links, null, question, problem, hadHistory: true);

    private static HtmlPage Failed(SiteLinks links, (string Sentence, KeyValuePair<string, string> Field)? context, string? question, Problem problem, bool hadHistory) =>
        Page(links, new Conversation([], question is { Length: <= ChatLimits.MaxMessageChars } ? question : null, Error: AssistantPage.Reason(problem, hadHistory),
            RetryAfterSeconds: problem.RetryAfterSeconds, Context: context?.Sentence, ContextField: context?.Field, SignIn: problem.StatusCode == StatusCodes.Status401Unauthorized),
            problem.StatusCode, problem.RetryAfterSeconds);

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

    private static string Event(string html, int? status = null) => JsonSerializer.Serialize(new PageEvent(html, status), PagesJsonContext.Default.PageEvent);
}

/// <summary>The last event of a streamed page: the main region's markup (with the status of a failure).</summary>
internal sealed record PageEvent(string Html, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Status = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PageEvent))]
internal sealed partial class PagesJsonContext : JsonSerializerContext;
