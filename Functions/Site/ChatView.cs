using System.Globalization;
using System.Text;
using HealthOracle.Functions.Chat;

namespace HealthOracle.Functions.Site;

/// <summary>A conversation as a page shows it: the turns so far, a note or error, and what the next question carries.</summary>
/// <param name="History">The turns so far, oldest first (a reply just given included).</param>
/// <param name="Question">The question to keep in the box (after a failure), or null.</param>
/// <param name="Note">A note under the last reply (it stopped early), or null.</param>
/// <param name="Error">Why nothing was answered, or null.</param>
/// <param name="RetryAfterSeconds">How long to wait before asking again, or null.</param>
/// <param name="Context">The result the assistant can see, as a sentence, or null.</param>
/// <param name="ContextField">The form field that carries that result to the next question (name, value), or null.</param>
/// <param name="SignIn">The request needs the person signed in: the page links to the sign-in.</param>
internal sealed record Conversation(
    IReadOnlyList<ChatTurn> History,
    string? Question = null,
    string? Note = null,
    string? Error = null,
    int? RetryAfterSeconds = null,
    string? Context = null,
    KeyValuePair<string, string>? ContextField = null,
    bool SignIn = false)
{
    public static Conversation Empty { get; } = new([]);
}

/// <summary>
/// The assistant's page: the conversation as a list in a log region (the model's Markdown as text with bold,
/// emphasis and lists), the reason when nothing was answered, and the form for the next question, which carries
/// the conversation in hidden fields within the chat's bounds. Posted, never in the address: questions stay out
/// of browsers' histories and servers' logs.
/// </summary>
internal static class ChatView
{
    public const string Title = "Health assistant";

    public static void AppendMain(StringBuilder page, SiteLinks links, Conversation conversation, bool? chatConfigured)
    {
        page.Append("<h1>Health assistant</h1><p class=\"lead\">Ask a general health question, or about a result. The assistant gives general information only: it cannot examine you, and it is not a doctor.</p>")
            .Append("<div id=\"chat-unavailable\" class=\"notice\" role=\"note\"").Append(chatConfigured == false ? "" : " hidden").Append('>').Text(AssistantView.NotConfigured).Append("</div>");
        if (conversation.Context is { } context)
        {
            page.Append("<div id=\"chat-context\" class=\"chat-context\">").Element("p", null, context);
            if (links.Page("chat.html") is { } fresh)
            {
                page.Append("<p><a data-forget-context").Attr("href", fresh).Append(">Stop sharing this result</a></p>");
            }

            page.Append("</div>");
        }

        page.Append("<div id=\"chat-log-region\" role=\"log\" aria-live=\"polite\" aria-label=\"Conversation\"><ol id=\"chat-log\" class=\"chat-log\">");
        foreach (var turn in conversation.History)
        {
            AppendTurn(page, turn.Role == "model", turn.Text ?? "");
        }

        page.Append("</ol></div>");
        // The page's script shows a question and the reply as it streams in these, until the server's page replaces them.
        page.Append("<template id=\"chat-turns\">");
        AppendTurn(page, model: false, "");
        AppendTurn(page, model: true, "");
        page.Append("</template>");
        if (conversation.Note is { } note)
        {
            page.Element("p", "finish-note", note);
        }

        page.Append("<p id=\"chat-error\" class=\"error-message\" role=\"alert\"");
        if (conversation.RetryAfterSeconds is { } wait)
        {
            page.Attr("data-retry-after", wait.ToString(CultureInfo.InvariantCulture));
        }

        page.Append(conversation.Error is null ? " hidden>" : " data-focus>").Text(conversation.Error);
        if (conversation.SignIn)
        {
            page.Append(" <a").Attr("href", links.SignIn("chat.html")).Append(">Sign in</a>");
        }

        page.Append("</p>")
            .Append("<p id=\"chat-status\" class=\"status\" role=\"status\"></p>");
        AppendForm(page, links, conversation, chatConfigured == false);
    }

    private static void AppendTurn(StringBuilder page, bool model, string text)
    {
        page.Append("<li class=\"message ").Append(model ? "model" : "user").Append("\"><p class=\"who\">").Append(model ? "Assistant" : "You").Append("</p><div class=\"body\">");
        if (model)
        {
            ChatMarkdown.Append(page, text);
        }
        else if (text.Length > 0)
        {
            page.Element("p", null, text);
        }

        page.Append("</div></li>");
    }

    private static void AppendForm(StringBuilder page, SiteLinks links, Conversation conversation, bool off)
    {
        page.Append("<form id=\"chat-form\" class=\"chat-form\" method=\"post\" data-enhance=\"chat\"").Attr("action", links.Api("/api/pages/chat")).Append(" data-api-path=\"/api/pages/chat\">");
        var history = Bounded(conversation.History);
        for (var i = 0; i + 1 < history.Count; i += 2)
        {
            page.Append("<input type=\"hidden\"").Attr("name", ChatFields.HistoryUser).Attr("value", history[i].Text).Append('>')
                .Append("<input type=\"hidden\"").Attr("name", ChatFields.HistoryModel).Attr("value", history[i + 1].Text).Append('>');
        }

        if (conversation.ContextField is { } field)
        {
            page.Append("<input type=\"hidden\"").Attr("name", field.Key).Attr("value", field.Value).Append('>');
        }

        page.Append("<label for=\"chat-message\">").Append(history.Count > 0 ? "Your next question" : "Your question").Append("</label>")
            .Append("<p class=\"hint\" id=\"chat-message-hint\">Don't include names or other details that identify you.</p>")
            .Append("<textarea id=\"chat-message\" name=\"").Append(ChatFields.Message).Append("\" rows=\"3\" maxlength=\"").Append(ChatLimits.MaxMessageChars)
            .Append("\" required aria-describedby=\"chat-message-hint\"").Append(off ? " disabled" : "").Append('>').Text(conversation.Question).Append("</textarea>")
            .Append("<div class=\"actions\"><button type=\"submit\" class=\"button\"").Append(off ? " disabled" : "").Append(">Send</button>");
        if (conversation.History.Count > 0 && links.Page("chat.html") is { } fresh)
        {
            page.Append("<a id=\"chat-reset\" class=\"button secondary\"").Attr("href", fresh).Append(">Start a new conversation</a>");
        }

        page.Append("</div></form>");
    }

    /// <summary>The most recent exchanges that fit the chat's bounds: what the next question carries.</summary>
    private static List<ChatTurn> Bounded(IReadOnlyList<ChatTurn> history)
    {
        var recent = history.TakeLast(ChatLimits.MaxHistoryTurns).ToList();
        while (recent.Count > 0 && ChatValidator.HistoryBytes(recent) > ChatLimits.MaxHistoryBytes)
        {
            recent.RemoveRange(0, Math.Min(2, recent.Count));
        }

        return recent;
    }
}

/// <summary>
/// The assistant's form (the chat page's, built or answered): <c>message</c>, and the conversation so far as hidden
/// <c>history_user</c> and <c>history_model</c> fields, one pair per exchange, oldest first.
/// </summary>
internal static class ChatFields
{
    public const string Message = "message";
    public const string HistoryUser = "history_user";
    public const string HistoryModel = "history_model";
}
