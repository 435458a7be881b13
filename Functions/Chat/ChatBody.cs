using HealthOracle.Functions.Infrastructure.Bodies;

namespace HealthOracle.Functions.Chat;

/// <summary>What a chat request's body may be, for the one pipeline (<see cref="RequestBodyReader"/>).</summary>
internal static class ChatBody
{
    // A full message, a full history (JSON-escaped) and a prediction fit well within this.
    public const int MaxBytes = 64 * 1024;

    public const string InvalidTitle = "The chat request is invalid.";

    /// <summary>JSON (a program or the site's script).</summary>
    public static BodyRules Json { get; } = new(MaxBytes, 0, "Send the chat request as JSON.", InvalidTitle);

    /// <summary>JSON, or the assistant's form as a browser without JavaScript posts it (<see cref="NoScript.ChatForm"/>).</summary>
    public static BodyRules JsonOrForm { get; } = new(MaxBytes, MaxBytes, "Send the chat request as JSON (or, from a browser, as a form).", InvalidTitle);
}
