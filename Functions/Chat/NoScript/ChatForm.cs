using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;

namespace HealthOracle.Functions.Chat.NoScript;

/// <summary>
/// The assistant's form as a browser without JavaScript posts it (site/chat.html, and the pages
/// <see cref="ChatPage"/> answers): <c>message</c>, and the conversation so far as hidden
/// <c>history_user</c> and <c>history_model</c> fields, one pair per exchange, oldest first.
/// </summary>
internal static class ChatForm
{
    public const string Message = "message";
    public const string HistoryUser = "history_user";
    public const string HistoryModel = "history_model";

    /// <summary>The request the form describes (a JSON body is read as the JSON route reads it).</summary>
    public static (ChatRequest? Request, Problem? Problem) Read(ReceivedBody body)
    {
        if (body.Form is not { } form)
        {
            return ChatGate.Json(ChatJsonContext.Default.ChatRequest)(body);
        }

        var users = form[HistoryUser];
        var models = form[HistoryModel];
        if (users.Count != models.Count)
        {
            return (null, ChatProblems.Invalid("history", "The conversation in the form is incomplete; start a new conversation."));
        }

        var history = new List<ChatTurn>(users.Count * 2);
        for (var i = 0; i < users.Count; i++)
        {
            history.Add(new ChatTurn("user", users[i]));
            history.Add(new ChatTurn("model", models[i]));
        }

        return (new ChatRequest(form[Message].ToString().Trim(), history, null), null);
    }
}
