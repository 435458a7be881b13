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

/// <summary>
/// Vertex AI cannot be called with this deployment's Google identity right now: the managed identity, Google's
/// STS or IAM Credentials refused or failed, or Vertex AI refused the token. <see cref="Reason"/> says what an
/// operator can do about it and never carries a token; <see cref="Transient"/> when retrying later may work.
/// </summary>
internal sealed class VertexCredentialException(string reason, bool transient, Exception? inner = null)
    : Exception($"Vertex AI credential: {reason}", inner)
{
    public string Reason { get; } = reason;

    public bool Transient { get; } = transient;
}
