using HealthOracle.Functions.Chat.NoScript;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Predictions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>A health question with optional history and prediction; JSON, or server-sent events when asked for.</summary>
internal sealed class ChatFunction(ChatGate gate, ChatService chat, ChatFormAnswer noScript, IOptions<GeminiOptions> gemini)
{
    public const string Name = "Chat";

    [Function(Name)]
    public async Task<Results<Ok<ChatReply>, ChatStreamResult, Problem, HtmlPage>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = ChatCallInfo.Start(Name, request, gemini.Value.Model);
        if (ContentTypes.KindOf(request.ContentType) == BodyKind.Form)
        {
            // A browser without JavaScript (site/chat.html): the answer is a page of the site.
            return await noScript.AnswerAsync(request, call, cancellationToken);
        }

        var (question, refused) = await gate.AdmitAsync(request, call, ChatBody.Json, ChatGate.Json(ChatJsonContext.Default.ChatRequest), cancellationToken);
        if (question is null)
        {
            return refused!;
        }

        return WantsEventStream(request)
            ? await chat.StreamAsync(question, call, cancellationToken)
            : TypedResults.Ok(await chat.AskAsync(question, call, cancellationToken));
    }

    private static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
