using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Maps generateContent answers (whole or streamed chunks) onto Microsoft.Extensions.AI types.</summary>
internal static class GeminiResponseMapper
{
    public static ChatResponse ToResponse(GenerateContentResponse response, string requestedModel)
    {
        var candidate = FirstCandidate(response);
        var message = new ChatMessage(ChatRole.Assistant, TextOf(candidate));
        return new ChatResponse(message)
        {
            ModelId = response.ModelVersion ?? requestedModel,
            ResponseId = response.ResponseId,
            FinishReason = FinishReasonOf(candidate, response.PromptFeedback),
            Usage = UsageOf(response.UsageMetadata),
            RawRepresentation = response,
        };
    }

    public static ChatResponseUpdate ToUpdate(GenerateContentResponse chunk, string requestedModel)
    {
        var candidate = chunk.Candidates?.FirstOrDefault();
        var update = new ChatResponseUpdate(ChatRole.Assistant, TextOf(candidate))
        {
            ModelId = chunk.ModelVersion ?? requestedModel,
            ResponseId = chunk.ResponseId,
            FinishReason = FinishReasonOf(candidate, chunk.PromptFeedback),
            RawRepresentation = chunk,
        };
        if (UsageOf(chunk.UsageMetadata) is { } usage)
        {
            update.Contents.Add(new UsageContent(usage));
        }

        return update;
    }

    private static GeminiCandidate? FirstCandidate(GenerateContentResponse response)
    {
        var candidate = response.Candidates?.FirstOrDefault();
        if (candidate is null && response.PromptFeedback?.BlockReason is null)
        {
            throw new GeminiUpstreamException(200, "answer without candidates");
        }

        return candidate;
    }

    // Thought summaries are not part of the reply.
    private static string TextOf(GeminiCandidate? candidate) =>
        string.Concat(candidate?.Content?.Parts?.Where(part => part.Thought != true).Select(part => part.Text) ?? []);

    public static ChatFinishReason? FinishReasonOf(GeminiCandidate? candidate, GeminiPromptFeedback? feedback) =>
        candidate?.FinishReason switch
        {
            null when feedback?.BlockReason is not null => ChatFinishReason.ContentFilter,
            null or "FINISH_REASON_UNSPECIFIED" => null,
            "STOP" => ChatFinishReason.Stop,
            "MAX_TOKENS" => ChatFinishReason.Length,
            "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
            var other => new ChatFinishReason(other),
        };

    private static UsageDetails? UsageOf(GeminiUsageMetadata? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.PromptTokenCount,
        OutputTokenCount = usage.CandidatesTokenCount,
        TotalTokenCount = usage.TotalTokenCount,
    };
}
