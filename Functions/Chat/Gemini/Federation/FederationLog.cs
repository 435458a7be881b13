using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

// Never a token: the exchange count, expiry, step, status, Google's error code and the operator's reason.
internal static partial class FederationLog
{
    [LoggerMessage(5020, LogLevel.Information, "Vertex AI token exchanged (exchange {Exchanges} on this instance); it expires at {ExpiresUtc:O}")]
    public static partial void Exchanged(ILogger logger, long exchanges, DateTimeOffset? expiresUtc);

    [LoggerMessage(5022, LogLevel.Information, "Vertex AI token exchange: {Step} answered HTTP {Status}; retry {Attempt} in {DelayMs:0} ms")]
    public static partial void ExchangeRetried(ILogger logger, FederationStep step, int? status, int attempt, double delayMs);

    [LoggerMessage(5021, LogLevel.Warning, "Vertex AI token exchange failed at {Step} (HTTP {Status} {Code}, transient {Transient}): {Reason}")]
    public static partial void ExchangeFailed(ILogger logger, FederationStep step, int? status, string? code, bool transient, string reason);
}
