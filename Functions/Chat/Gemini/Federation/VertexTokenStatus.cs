namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// What this instance knows of its Google token exchanges, for GET /api/health: how many ran, when the last one
/// ended and whether it worked, when the token it gave expires, and the operator's reason when it failed; and
/// whether Vertex AI refused the last call for want of a role. Never a token.
/// </summary>
internal sealed class VertexTokenStatus
{
    private readonly Lock _lock = new();
    private long _exchanges;
    private VertexTokenSnapshot _last = new(0, null, null, null, null, null);
    private string? _vertexRefusal;

    public long Exchanges => Interlocked.Read(ref _exchanges);

    /// <summary>An exchange begins (the managed identity's token is about to be asked for).</summary>
    public void Started() => Interlocked.Increment(ref _exchanges);

    public void Succeeded(DateTimeOffset atUtc, DateTimeOffset? expiresUtc)
    {
        lock (_lock)
        {
            _last = new VertexTokenSnapshot(Exchanges, true, atUtc, expiresUtc, null, null);
        }
    }

    public void Failed(DateTimeOffset atUtc, string reason)
    {
        lock (_lock)
        {
            _last = new VertexTokenSnapshot(Exchanges, false, atUtc, null, reason, null);
        }
    }

    /// <summary>Vertex AI refused a call made with a good token (a role or the API is missing), or accepted one again (null).</summary>
    public void VertexAnswered(string? refusal) => Volatile.Write(ref _vertexRefusal, refusal);

    public VertexTokenSnapshot Snapshot()
    {
        lock (_lock)
        {
            return _last with { Exchanges = Exchanges, VertexRefusal = Volatile.Read(ref _vertexRefusal) };
        }
    }
}

/// <summary>The last exchange's outcome (<paramref name="Succeeded"/> is null before the first one ends), and Vertex AI's last refusal.</summary>
internal sealed record VertexTokenSnapshot(
    long Exchanges, bool? Succeeded, DateTimeOffset? AtUtc, DateTimeOffset? ExpiresUtc, string? Reason, string? VertexRefusal);
