using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;

namespace HealthOracle.Functions.Chat;

/// <summary>What a chat request's body may be, for the one pipeline (<see cref="RequestBodyReader"/>).</summary>
internal static class ChatBody
{
    // A full message, a full history (JSON-escaped) and a prediction fit well within this.
    public const int MaxBytes = 64 * 1024;

    public static ProblemType InvalidType => ProblemTypes.InvalidChatRequest;

    /// <summary>JSON, from a program.</summary>
    public static BodyRules Json { get; } = new(MaxBytes, 0, "Send the chat request as JSON.", InvalidType);

    /// <summary>The assistant page's form, from a browser (Functions/Pages).</summary>
    public static BodyRules Form { get; } = new(0, MaxBytes, "Send the assistant's form.", InvalidType);
}
