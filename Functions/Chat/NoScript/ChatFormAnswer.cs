using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Chat.NoScript;

/// <summary>
/// <c>POST /api/chat</c> with a form (the assistant without JavaScript): the same gate and model call as the JSON
/// route, answered as a page of the site with the conversation and the next question's form.
/// </summary>
internal sealed class ChatFormAnswer(ChatGate gate, ChatService chat, DomainProblems problems, SiteFrame frame)
{
    public async Task<HtmlPage> AnswerAsync(HttpRequest request, ChatCallInfo call, CancellationToken cancellationToken)
    {
        var (question, refused) = await gate.AdmitAsync(request, call, ChatBody.JsonOrForm, ChatForm.Read, cancellationToken);
        if (question is null)
        {
            return ChatPage.Problem(frame, refused!);
        }

        try
        {
            var reply = await chat.AskAsync(question, call, cancellationToken);
            return reply.Reply is { Length: > 0 } text
                ? ChatPage.Answer(frame, question, text, reply.FinishReason == "STOP" ? null : FinishNote(reply))
                : ChatPage.Answer(frame, question, null, reply.Message ?? FinishNote(reply));
        }
        catch (Exception exception) when (problems.TryMap(exception, out var failed))
        {
            return ChatPage.Problem(frame, failed, question);
        }
    }

    private static string FinishNote(ChatReply reply) => reply.FinishReason switch
    {
        "MAX_TOKENS" => "The reply was cut short because it reached its length limit.",
        ChatReplies.Safety => ChatReplies.SafetyMessage,
        _ => $"The reply ended early ({reply.FinishReason}).",
    };
}
