using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Chat;

/// <summary>Maps the chat client's answers onto this API's replies and finish reasons (Gemini's names).</summary>
internal static class ChatReplies
{
    public const string Safety = "SAFETY";

    public const string SafetyMessage =
        "This reply was withheld by the safety filter. Try rephrasing your question, and for anything urgent contact a health professional or your local emergency number.";

    public static string FinishReasonOf(ChatFinishReason? reason) =>
        reason == ChatFinishReason.ContentFilter ? Safety
        : reason == ChatFinishReason.Length ? "MAX_TOKENS"
        : reason is null || reason == ChatFinishReason.Stop ? "STOP"
        : reason.Value.Value;

    public static ChatReply From(ChatResponse response, string defaultModel)
    {
        var reason = FinishReasonOf(response.FinishReason);
        var model = response.ModelId ?? defaultModel;
        return reason == Safety
            ? new ChatReply(null, model, reason, SafetyMessage)
            : new ChatReply(response.Text, model, reason);
    }
}
