namespace HealthOracle.Functions.Health;

/// <summary>
/// GET /api/health. <paramref name="Status"/> is <c>ok</c>, or <c>degraded</c> when <paramref name="Problems"/>
/// lists something an operator should fix (a refused manifest entry or model, a manifest key this app does not
/// serve); the instance is alive either way.
/// </summary>
internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, ModelHealth> Models, ChatHealth Chat, IReadOnlyList<string> Problems);

/// <summary>
/// Whether this deployment has a Gemini configuration (a key, or a Vertex AI project). It says nothing of
/// Gemini's own health, which is only known by calling it: a configured chat can still answer 502 or 504.
/// </summary>
internal sealed record ChatHealth(bool Configured);

/// <summary>One disease's model on this instance.</summary>
internal sealed record ModelHealth(
    bool Loaded,
    string? Version,
    string? Sha256,
    DateTimeOffset? LoadedAtUtc,
    double? LoadMilliseconds,
    RefusedHealth? Refused,
    DateTimeOffset? LastRefreshUtc);

/// <summary>A candidate version a refresh refused, and why; the served version is unchanged.</summary>
internal sealed record RefusedHealth(string? Version, string Reason);
