using System.Text.Json;
using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Chat;

/// <summary>Checks Gemini's structured answer: a JSON object with 10–15 non-empty, short suggestions.</summary>
internal static class SuggestionsParser
{
    public static (IReadOnlyList<string>? Suggestions, string? Unusable) Parse(ChatResponse response)
    {
        if (ChatReplies.FinishReasonOf(response.FinishReason) is not "STOP" and var reason)
        {
            return (null, $"Gemini stopped with {reason}.");
        }

        SuggestionsReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize(response.Text, ChatJsonContext.Default.SuggestionsReply);
        }
        catch (JsonException)
        {
            return (null, "The answer is not the JSON the response schema asks for.");
        }

        var suggestions = reply?.Suggestions?.Select(s => s?.Trim()).ToList();
        if (suggestions is null || suggestions.Any(s => string.IsNullOrEmpty(s) || s.Length > ChatLimits.MaxSuggestionChars))
        {
            return (null, "The answer holds missing, empty or overlong suggestions.");
        }

        return suggestions.Count is < ChatLimits.MinSuggestions or > ChatLimits.MaxSuggestions
            ? (null, $"The answer holds {suggestions.Count} suggestions, not {ChatLimits.MinSuggestions}–{ChatLimits.MaxSuggestions}.")
            : (suggestions!, null);
    }
}
