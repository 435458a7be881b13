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

/// <summary>10–15 practical suggestions for one prediction, asked of Gemini as JSON with a response schema.</summary>
internal sealed class ChatSuggestionsFunction(
    IChatClient chat, ChatGate gate, IOptions<GeminiOptions> gemini, ILogger<ChatSuggestionsFunction> logger, SavedPredictions saved)
{
    public const string Name = "ChatSuggestions";

    [Function(Name)]
    public async Task<Results<Ok<SuggestionsReply>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat/suggestions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = new ChatCallInfo(Name, request.HttpContext.TraceIdentifier, gemini.Value.Model, Stopwatch.GetTimestamp());
        var (body, refused) = await gate.AdmitAsync(request, call, ChatJsonContext.Default.SuggestionsRequest, ChatValidator.Validate, cancellationToken);
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

        try
        {
            var response = await chat.GetResponseAsync(
                [new ChatMessage(ChatRole.User, ChatPrompts.SuggestionsUserMessage)], ChatPrompts.SuggestionsOptions(body.Prediction!), cancellationToken);
            var (suggestions, unusable) = SuggestionsParser.Parse(response);
            if (suggestions is null)
            {
                Log.ChatFailed(logger, Name, call.RequestId, StatusCodes.Status502BadGateway, unusable!);
                return ChatProblems.SuggestionsUnusable(unusable!);
            }

            Log.ChatAnswered(logger, Name, call.RequestId, ChatReplies.FinishReasonOf(response.FinishReason), 0, 0, 0, true,
                suggestions.Sum(s => s.Length), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, call.ElapsedMs);
            var history = body.PredictionId is { } savedId ? await saved.SaveSuggestionsAsync(request, savedId, suggestions, cancellationToken) : null;
            return TypedResults.Ok(new SuggestionsReply(suggestions, history));
        }
        catch (Exception exception) when (ChatProblems.TryMap(exception, out var problem))
        {
            Log.ChatFailed(logger, Name, call.RequestId, problem.StatusCode, exception.GetType().Name);
            return problem;
        }
    }
}
