using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>10–15 practical suggestions for one prediction; for a saved one, kept with it in the person's history.</summary>
internal sealed class ChatSuggestionsFunction(ChatGate gate, ChatService chat, ISavedPredictions saved, IOptions<GeminiOptions> gemini)
{
    public const string Name = "ChatSuggestions";

    [Function(Name)]
    public async Task<Results<Ok<SuggestionsReply>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chat/suggestions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var call = ChatCallInfo.Start(Name, request, gemini.Value.Model);
        var asked = await gate.AdmitAsync(request, call, ChatBody.Json, ChatGate.Json(ChatJsonContext.Default.SuggestionsRequest), cancellationToken);
        if (!asked.Admitted)
        {
            return asked.Refused!;
        }

        var body = asked.Request!;
        var suggestions = await chat.SuggestAsync(body.Prediction!, call, cancellationToken);
        var history = body.PredictionId is { } id ? await saved.SaveSuggestionsAsync(request.Caller()!, id, suggestions, cancellationToken) : null;
        return TypedResults.Ok(new SuggestionsReply(suggestions, history));
    }
}
