namespace HealthOracle.Functions.Chat;

/// <summary>The per-client limit on chat calls (the site calls them without a key).</summary>
internal sealed class ChatRateLimitOptions
{
    public const string Section = "Chat:RateLimit";

    public int PermitsPerMinute { get; set; } = 10;
}
