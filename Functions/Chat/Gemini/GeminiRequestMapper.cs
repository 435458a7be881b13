using Microsoft.Extensions.AI;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Maps Microsoft.Extensions.AI messages and options onto a generateContent request.</summary>
internal static class GeminiRequestMapper
{
    // Every adjustable harm category is set explicitly, so a change of Google's defaults cannot change ours.
    public static readonly IReadOnlyList<string> HarmCategories =
    [
        "HARM_CATEGORY_HARASSMENT",
        "HARM_CATEGORY_HATE_SPEECH",
        "HARM_CATEGORY_SEXUALLY_EXPLICIT",
        "HARM_CATEGORY_DANGEROUS_CONTENT",
    ];

    public static GenerateContentRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, GeminiOptions settings)
    {
        var system = new List<string>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            system.Add(options.Instructions);
        }

        var contents = new List<GeminiContent>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.Add(message.Text);
                continue;
            }

            contents.Add(new GeminiContent(RoleOf(message.Role), [new GeminiPart(message.Text)]));
        }

        return new GenerateContentRequest(
            contents,
            system.Count == 0 ? null : new GeminiContent(null, [.. system.Select(text => new GeminiPart(text))]),
            GenerationConfig(options, settings),
            [.. HarmCategories.Select(category => new GeminiSafetySetting(category, settings.SafetyThreshold))]);
    }

    private static string RoleOf(ChatRole role) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "model"
        : throw new NotSupportedException($"Gemini has no role for '{role}'.");

    private static GeminiGenerationConfig GenerationConfig(ChatOptions? options, GeminiOptions settings)
    {
        var json = options?.ResponseFormat as ChatResponseFormatJson;
        return new GeminiGenerationConfig(
            options?.Temperature,
            options?.MaxOutputTokens,
            json is null ? null : "application/json",
            json?.Schema is { } schema ? GeminiSchema.FromJsonSchema(schema) : null,
            settings.ThinkingBudget is { } budget ? new GeminiThinkingConfig(budget) : null);
    }
}
