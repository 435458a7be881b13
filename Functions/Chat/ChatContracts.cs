using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Functions.Predictions;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// <c>POST /api/chat</c>: a question, the conversation so far (sent by the caller), and optionally a prediction,
/// or a signed-in person's saved prediction by id (the server then reads it itself).
/// </summary>
internal sealed record ChatRequest(string? Message, IReadOnlyList<ChatTurn>? History, PredictionContext? Prediction, string? PredictionId = null)
    : IChatBody<ChatRequest>
{
    public Dictionary<string, string[]> Validate() => ChatValidator.Validate(this);

    public ChatRequest WithPrediction(PredictionContext prediction) => this with { Prediction = prediction };
}

/// <summary>A chat route's body: checked against the chat's bounds, and given a saved prediction's context when it names one by id.</summary>
internal interface IChatBody<TSelf>
{
    string? PredictionId { get; }

    Dictionary<string, string[]> Validate();

    TSelf WithPrediction(PredictionContext prediction);
}

internal sealed record ChatTurn(string? Role, string? Text);

/// <summary>A prediction response of this API, or at least its disease, risk, category and inputs.</summary>
internal sealed record PredictionContext(
    string? Disease,
    double? Probability,
    double? RiskPercentage,
    string? Category,
    Dictionary<string, JsonElement>? Inputs,
    PredictionModel? Model)
{
    /// <summary>The reference patient's estimate the factors are measured from (a prediction's <c>baseline</c>).</summary>
    public double? Baseline { get; init; }

    /// <summary>A prediction's <c>factors</c>: each input's contribution in percentage points.</summary>
    public IReadOnlyList<FactorContext>? Factors { get; init; }

    /// <summary>A prediction's <c>whatIf</c>: the estimate with a changeable input at its healthy target.</summary>
    public IReadOnlyList<WhatIfContext>? WhatIf { get; init; }
}

/// <summary>One factor of a prediction (its label and unit come from the schema, not from the caller).</summary>
internal sealed record FactorContext(string? Field, double? Value, double? Contribution);

/// <summary>One what-if of a prediction.</summary>
internal sealed record WhatIfContext(string? Field, double? Value, double? Target, double? RiskPercentage, double? Difference);

internal sealed record PredictionModel(string? Name, string? Version);

/// <summary>The answer; on a safety block <see cref="Reply"/> is null and <see cref="Message"/> says why.</summary>
internal sealed record ChatReply(
    string? Reply,
    string Model,
    string FinishReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

/// <summary><c>POST /api/chat/suggestions</c>.</summary>
internal sealed record SuggestionsRequest(PredictionContext? Prediction, string? PredictionId = null) : IChatBody<SuggestionsRequest>
{
    public Dictionary<string, string[]> Validate() => ChatValidator.Validate(this);

    public SuggestionsRequest WithPrediction(PredictionContext prediction) => this with { Prediction = prediction };
}

/// <summary>With a saved prediction's id, <see cref="History"/> says whether the suggestions were saved with it.</summary>
internal sealed record SuggestionsReply(
    IReadOnlyList<string> Suggestions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HistoryNote? History = null);

/// <summary>One server-sent <c>data:</c> event of a streamed reply.</summary>
internal sealed record ChatChunk(string Text);

/// <summary>The final <c>event: done</c> of a streamed reply.</summary>
internal sealed record ChatDone(
    string FinishReason,
    string Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

/// <summary>An <c>event: error</c> when the stream breaks off after it started (the status line is already sent).</summary>
internal sealed record ChatStreamError(int Status, string Title);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(SuggestionsRequest))]
[JsonSerializable(typeof(ChatReply))]
[JsonSerializable(typeof(SuggestionsReply))]
[JsonSerializable(typeof(ChatChunk))]
[JsonSerializable(typeof(ChatDone))]
[JsonSerializable(typeof(ChatStreamError))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
