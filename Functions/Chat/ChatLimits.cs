namespace HealthOracle.Functions.Chat;

/// <summary>The bounds on what a caller may send (and so on what one call can cost).</summary>
internal static class ChatLimits
{
    public const int MaxMessageChars = 2000;
    public const int MaxHistoryTurns = 20;
    public const int MaxHistoryBytes = 16 * 1024;
    public const int MaxInputs = 40;
    public const int MaxInputNameChars = 64;
    public const int MaxInputValueChars = 100;
    public const int MinSuggestions = 10;
    public const int MaxSuggestions = 15;
    public const int MaxSuggestionChars = 300;
}
