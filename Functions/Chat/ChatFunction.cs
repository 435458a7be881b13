using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>A health question with optional history and prediction; JSON, or server-sent events when asked for.</summary>
internal sealed class ChatFunction(ChatGate gate, ChatService chat, IOptions<GeminiOptions> gemini)
{
    public const string Name = "Chat";

    [Function(Name)]
    public async Task<Results<Ok<ChatReply>, ChatStreamResult, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = ChatCallInfo.Start(Name, request, gemini.Value.Model);
        var question = await gate.AdmitAsync(request, call, ChatBody.Json, ChatGate.Json(ChatJsonContext.Default.ChatRequest), cancellationToken);
        if (!question.Admitted)
        {
            return question.Refused!;
        }

        return ChatGate.WantsEventStream(request)
            ? await chat.StreamAsync(question.Request!, call, cancellationToken)
            : TypedResults.Ok(await chat.AskAsync(question.Request!, call, cancellationToken));
    }
}
