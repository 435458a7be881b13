using System.Globalization;
using System.Text;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;

namespace HealthOracle.Functions.Chat.NoScript;

/// <summary>
/// The assistant without JavaScript: the conversation so far as a list, the reply (or why there is none),
/// and the form to ask the next question, which carries the conversation in hidden fields within the
/// chat's bounds. Posted, never in the address: questions stay out of history and logs.
/// </summary>
internal static class ChatPage
{
    public const string Title = "Health assistant";

    private const string Disclaimer =
        "The assistant gives general information only. It cannot examine you and it is not a doctor; in an emergency call your local emergency number.";

    /// <summary>The conversation with the new exchange appended (or, without a reply, the question kept in the box).</summary>
    public static HtmlPage Answer(SiteFrame frame, ChatRequest request, string? reply, string? note, int status = 200, int? retryAfterSeconds = null)
    {
        var history = new List<ChatTurn>(request.History ?? []);
        var page = frame.Begin(Title, "chat");
        if (reply is not null)
        {
            history.Add(new ChatTurn("user", request.Message));
            history.Add(new ChatTurn("model", reply));
        }

        if (history.Count > 0)
        {
            page.Append("<h2>Conversation</h2><ol class=\"chat-log\">");
            foreach (var turn in history)
            {
                var model = turn.Role == "model";
                page.Append("<li class=\"message ").Append(model ? "model" : "user").Append("\"><p class=\"who\">").Append(model ? "Assistant" : "You").Append("</p><div class=\"body\">")
                    .Append(model ? ChatMarkdown.ToHtml(turn.Text ?? "") : "<p>" + SiteFrame.Encode(turn.Text ?? "") + "</p>").Append("</div></li>");
            }

            page.Append("</ol>");
        }

        if (note is not null)
        {
            page.Append("<p class=\"").Append(reply is null ? "error-message" : "finish-note").Append("\" role=\"alert\">").Append(SiteFrame.Encode(note)).Append("</p>");
        }

        AppendForm(page, reply is null ? request.Message : null, Bounded(history));
        if (history.Count > 0 && frame.PageUrl("chat.html") is { } fresh)
        {
            page.Append("<p><a href=\"").Append(SiteFrame.Encode(fresh)).Append("\">Start a new conversation</a></p>");
        }

        return new HtmlPage(frame.End(page, Disclaimer), status, retryAfterSeconds);
    }

    /// <summary>
    /// A problem, in people's words; after a failure of the model the question is kept in the box for another try. A
    /// refused request (too large, too many, not valid) is not echoed back: an error page stays as small as any error.
    /// </summary>
    public static HtmlPage Problem(SiteFrame frame, Problem problem, ChatRequest? request = null)
    {
        var wait = problem.RetryAfterSeconds is { } seconds ? $" You can ask again in {seconds.ToString(CultureInfo.InvariantCulture)} seconds." : "";
        var reason = problem.StatusCode switch
        {
            429 => "You have asked many questions in a short time." + wait,
            503 when problem.Details.Title == ChatProblems.NotConfiguredTitle =>
                "The assistant is not available on this site: it has not been set up. The risk checks work without it.",
            502 => "The assistant's language model failed to answer. Please try again.",
            504 => "The assistant's language model did not answer in time. Please try again.",
            400 when problem.Errors is { Count: > 0 } errors => string.Join(" ", errors.Values.SelectMany(m => m)),
            _ => (problem.Details.Detail ?? problem.Details.Title ?? "Something went wrong.") + wait,
        };
        return Answer(frame, request ?? new ChatRequest(null, null, null), null, reason, problem.StatusCode, problem.RetryAfterSeconds);
    }

    private static void AppendForm(StringBuilder page, string? question, IReadOnlyList<ChatTurn> history)
    {
        page.Append("<form class=\"chat-form\" method=\"post\">");
        for (var i = 0; i + 1 < history.Count; i += 2)
        {
            page.Append("<input type=\"hidden\" name=\"").Append(ChatForm.HistoryUser).Append("\" value=\"").Append(SiteFrame.Encode(history[i].Text ?? "")).Append("\">")
                .Append("<input type=\"hidden\" name=\"").Append(ChatForm.HistoryModel).Append("\" value=\"").Append(SiteFrame.Encode(history[i + 1].Text ?? "")).Append("\">");
        }

        page.Append("<label for=\"chat-message\">").Append(history.Count > 0 ? "Your next question" : "Your question").Append("</label>")
            .Append("<p class=\"hint\" id=\"chat-message-hint\">Don't include names or other details that identify you.</p>")
            .Append("<textarea id=\"chat-message\" name=\"").Append(ChatForm.Message).Append("\" rows=\"3\" maxlength=\"").Append(ChatLimits.MaxMessageChars)
            .Append("\" required aria-describedby=\"chat-message-hint\">").Append(SiteFrame.Encode(question ?? "")).Append("</textarea>")
            .Append("<div class=\"actions\"><button type=\"submit\" class=\"button\">Send</button></div></form>");
    }

    /// <summary>The most recent exchanges that fit the chat's bounds, as the site's script keeps them.</summary>
    private static List<ChatTurn> Bounded(List<ChatTurn> history)
    {
        var recent = history.TakeLast(ChatLimits.MaxHistoryTurns).ToList();
        while (recent.Count > 0 && ChatValidator.HistoryBytes(recent) > ChatLimits.MaxHistoryBytes)
        {
            recent.RemoveRange(0, Math.Min(2, recent.Count));
        }

        return recent;
    }
}
