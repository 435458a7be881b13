using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.History;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>A health question with optional history and prediction; JSON, or server-sent events when asked for.</summary>
internal sealed class ChatFunction(IChatClient chat, ChatGate gate, IOptions<GeminiOptions> gemini, ILogger<ChatFunction> logger, SavedPredictions saved)
{
    public const string Name = "Chat";

    [Function(Name)]
    public async Task<Results<Ok<ChatReply>, ChatStreamResult, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = new ChatCallInfo(Name, request.HttpContext.TraceIdentifier, gemini.Value.Model, Stopwatch.GetTimestamp());
        var (body, refused) = await gate.AdmitAsync(request, call, ChatJsonContext.Default.ChatRequest, ChatValidator.Validate, cancellationToken);
        if (body is null)
        {
            return refused!;
        }

        if (body.PredictionId is { } id)
        {
            var (context, notFound) = await saved.ContextAsync(request, id, cancellationToken);
            if (context is null)
            {
                return notFound!;
            }

            body = body with { Prediction = context };
        }

        var messages = ChatPrompts.ChatMessages(body);
        var options = ChatPrompts.ChatOptions(body.Prediction);
        try
        {
            if (WantsEventStream(request))
            {
                return await ChatStreamResult.StartAsync(chat.GetStreamingResponseAsync(messages, options, cancellationToken), call, logger, cancellationToken);
            }

            var response = await chat.GetResponseAsync(messages, options, cancellationToken);
            var reply = ChatReplies.From(response, call.DefaultModel);
            Log.ChatAnswered(logger, Name, call.RequestId, reply.FinishReason, body.Message!.Length, body.History?.Count ?? 0,
                ChatValidator.HistoryBytes(body.History), body.Prediction is not null, reply.Reply?.Length ?? 0,
                response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            return TypedResults.Ok(reply);
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var problem))
        {
            Log.ChatFailed(logger, Name, call.RequestId, problem.StatusCode, exception.GetType().Name);
            return problem;
        }
    }

    private static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
