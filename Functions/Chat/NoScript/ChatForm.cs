using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

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

    /// <summary>The request the form describes, or a problem (413 past the limit, 400 for a form that does not parse).</summary>
    public static async Task<(ChatRequest? Request, Problem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(request, ChatBody.MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, ChatProblems.TooLarge(ChatBody.MaxBytes));
        }

        request.Body = new MemoryStream(body.Span.ToArray(), writable: false);
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
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
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException or FormatException)
        {
            return (null, ChatProblems.Invalid("body", "The form could not be read: it is not valid urlencoded or multipart data."));
        }
    }
}
