using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthOracle.Functions.Chat.Gemini;

// The Gemini REST wire format (generateContent / streamGenerateContent), shared by the Gemini API and
// Vertex AI. Only the fields this app sends or reads; unknown response fields are ignored.

internal sealed record GenerateContentRequest(
    IReadOnlyList<GeminiContent> Contents,
    GeminiContent? SystemInstruction,
    GeminiGenerationConfig? GenerationConfig,
    IReadOnlyList<GeminiSafetySetting> SafetySettings);

internal sealed record GeminiContent(string? Role, IReadOnlyList<GeminiPart>? Parts);

internal sealed record GeminiPart(string? Text, bool? Thought = null);

internal sealed record GeminiGenerationConfig(
    float? Temperature,
    int? MaxOutputTokens,
    string? ResponseMimeType,
    JsonElement? ResponseSchema,
    GeminiThinkingConfig? ThinkingConfig);

internal sealed record GeminiThinkingConfig(int ThinkingBudget);

internal sealed record GeminiSafetySetting(string Category, string Threshold);

internal sealed record GenerateContentResponse(
    IReadOnlyList<GeminiCandidate>? Candidates,
    GeminiPromptFeedback? PromptFeedback,
    GeminiUsageMetadata? UsageMetadata,
    string? ModelVersion,
    string? ResponseId);

internal sealed record GeminiCandidate(GeminiContent? Content, string? FinishReason, int? Index);

internal sealed record GeminiPromptFeedback(string? BlockReason);

internal sealed record GeminiUsageMetadata(
    int? PromptTokenCount,
    int? CandidatesTokenCount,
    int? ThoughtsTokenCount,
    int? TotalTokenCount);

internal sealed record GeminiErrorResponse(GeminiError? Error);

internal sealed record GeminiError(int? Code, string? Message, string? Status);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GenerateContentRequest))]
[JsonSerializable(typeof(GenerateContentResponse))]
[JsonSerializable(typeof(GeminiErrorResponse))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
