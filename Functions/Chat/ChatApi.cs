using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Identity;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>POST /api/chat and /api/chat/suggestions, with the bounds <see cref="ChatValidator"/> holds them to.</summary>
internal sealed class ChatApi(IOptions<ChatRateLimitOptions> rateLimit) : IApiDescription
{
    public const string Tag = "Chat";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(Tag, "A health assistant (Gemini): general information, never a diagnosis.");
        Refine(api.Schemas);

        var chat = api.Operation(ChatFunction.Name, "POST", "chat", "Ask the health assistant a question")
            .Tag(Tag)
            .Description("A question, with the conversation so far (the caller keeps it and sends it back, within bounds) and, optionally, a prediction " +
                "this API answered, so that the assistant can talk about it. The assistant gives general information only and says when to see a " +
                "professional. With `Accept: text/event-stream` the reply streams as server-sent events: `data: {\"text\":\"…\"}` per chunk, then " +
                "`event: done` with `{\"finishReason\":…,\"model\":…}`, or `event: error` with `{\"status\":…,\"title\":…}` if it breaks off after it started.")
            .Body("The question.", required: true, new ApiContent("application/json", api.Schemas.Request(ChatJsonContext.Default.ChatRequest)))
            .Returns(200, "The reply. On a safety block `reply` is null and `message` says why.",
                new ApiContent("application/json", api.Schemas.Answer(ChatJsonContext.Default.ChatReply)),
                new ApiContent("text/event-stream", new JsonObject { ["type"] = "string", ["description"] = "Server-sent events (see the description)." }));
        Problems(chat);

        var suggestions = api.Operation(ChatSuggestionsFunction.Name, "POST", "chatSuggestions", "Practical suggestions for one prediction")
            .Tag(Tag)
            .Description($"{ChatLimits.MinSuggestions} to {ChatLimits.MaxSuggestions} short, practical suggestions for the person a prediction of this API was made for.")
            .Body("The prediction.", required: true, new ApiContent("application/json", api.Schemas.Request(ChatJsonContext.Default.SuggestionsRequest)))
            .Returns(200, "The suggestions.", new ApiContent("application/json", api.Schemas.Answer(ChatJsonContext.Default.SuggestionsReply)));
        Problems(suggestions);
    }

    private void Problems(ApiOperation operation) => operation
        .Security(GatewayApi.SubscriptionKey, IdentityApi.SignIn, "")
        .Problem(400, "The request is not valid: `errors` names each field and its limit.")
        .Problem(401, "`predictionId` without being signed in: a saved prediction is read from the signed-in person's history.")
        .Problem(404, "`predictionId` names no prediction saved to your history.")
        .Problem(413, $"The body is larger than {ChatBody.MaxBytes / 1024} KB.")
        .Problem(415, "The content type is not `application/json`.")
        .Problem(429, $"The chat's own limit: {rateLimit.Value.PermitsPerMinute} requests a minute from one address. Retry after `Retry-After` seconds.", RetryAfter.Always)
        .Problem(502, "The language model failed, or its answer could not be used. Retry later, with backoff.")
        .Problem(503, "Chat is not configured on this deployment (predictions still work). Waiting does not help, so no `Retry-After` is sent.", RetryAfter.Sometimes)
        .Problem(504, "The language model did not answer in time. Retry later, with backoff.");

    /// <summary>A saved prediction's id (signed in), instead of <c>prediction</c>: the server reads the saved answer itself.</summary>
    private static void PredictionId(JsonObject schema) => schema.Property("predictionId")
        .With("minLength", 1).With("maxLength", 64)
        .With("description", "Instead of `prediction`, when signed in: the id of a prediction saved to your history (`history.id` of its answer). Not both.");

    private static void Refine(ApiSchemas schemas)
    {
        schemas.Refine<ChatRequest>(s =>
        {
            s.Require("message").Property("message").NotNull().With("minLength", 1).With("maxLength", ChatLimits.MaxMessageChars);
            PredictionId(s);
            s.Property("history").With("maxItems", ChatLimits.MaxHistoryTurns)
                .With("description", $"The conversation so far, oldest first: at most {ChatLimits.MaxHistoryTurns} turns and {ChatLimits.MaxHistoryBytes / 1024} KB of text.");
        });
        schemas.Refine<ChatTurn>(s =>
        {
            s.Require("role", "text");
            s.Property("role").NotNull().With("enum", new JsonArray("user", "model"));
            s.Property("text").NotNull().With("minLength", 1);
        });
        schemas.Refine<SuggestionsRequest>(s =>
        {
            s.With("oneOf", new JsonArray(new JsonObject { ["required"] = new JsonArray("prediction") }, new JsonObject { ["required"] = new JsonArray("predictionId") }));
            s.Property("prediction").NotNull();
            PredictionId(s);
        });
        schemas.Refine<PredictionContext>(s =>
        {
            s.With("description", "A prediction answer of this API (or at least its disease and risk).").Require("disease", "riskPercentage");
            s.Property("disease").NotNull().With("enum", new JsonArray(DiseaseCatalog.Keys.Select(k => (JsonNode)k).ToArray()));
            s.Property("riskPercentage").NotNull().With("minimum", 0).With("maximum", 100);
            s.Property("probability").With("minimum", 0).With("maximum", 1);
            s.Property("category").With("enum", new JsonArray("Low", "Moderate", "High", null));
            s.Property("inputs").With("maxProperties", ChatLimits.MaxInputs);
        });
    }
}
