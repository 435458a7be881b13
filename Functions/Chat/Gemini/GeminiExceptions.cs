namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Neither a Gemini API key nor a Vertex AI project (with usable credentials) is configured.</summary>
internal sealed class ChatNotConfiguredException(string message, Exception? inner = null)
    : InvalidOperationException(message, inner);

/// <summary>Gemini answered an error status (after retries) or a body that cannot be read.</summary>
internal sealed class GeminiUpstreamException(int? upstreamStatus, string reason, Exception? inner = null)
    : Exception($"Gemini failed: {reason} (HTTP {upstreamStatus?.ToString() ?? "none"}).", inner)
{
    public int? UpstreamStatus { get; } = upstreamStatus;

    public string Reason { get; } = reason;
}

/// <summary>Gemini did not finish within the configured timeout.</summary>
internal sealed class GeminiTimeoutException(TimeSpan timeout)
    : TimeoutException($"Gemini did not answer within {timeout.TotalSeconds:0.#} s.")
{
    public TimeSpan Timeout { get; } = timeout;
}
