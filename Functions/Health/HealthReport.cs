namespace HealthOracle.Functions.Health;

/// <summary>
/// GET /api/health. <paramref name="Status"/> is <c>ok</c>, or <c>degraded</c> when <paramref name="Problems"/>
/// lists something an operator should fix (a refused manifest entry or model, a manifest key this app does not
/// serve); the instance is alive either way.
/// </summary>
internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, ModelHealth> Models, ChatHealth Chat, IReadOnlyList<string> Problems);

/// <summary>
/// Whether this deployment has a Gemini configuration (a key, or a Vertex AI project), and the route chat takes:
/// <c>gemini-api-key</c>, <c>vertex-credential-file</c>, <c>vertex-managed-identity</c> or <c>vertex-application-default</c>
/// (null when not configured). It says nothing of Gemini's own health, which is only known by calling it: a
/// configured chat can still answer 502 or 504. <paramref name="Token"/>: the managed-identity route's exchanges.
/// </summary>
internal sealed record ChatHealth(bool Configured, string? Route = null, ChatTokenHealth? Token = null);

/// <summary>
/// This instance's Google token exchanges (never a token): how many ran, whether the last one worked
/// (<c>null</c> before the first ends), when it ended, when its token expires, the operator's reason when it
/// failed, and Vertex AI's refusal of the last call when the token lacks a role.
/// </summary>
internal sealed record ChatTokenHealth(long Exchanges, bool? LastExchangeSucceeded, DateTimeOffset? LastExchangeUtc, DateTimeOffset? ExpiresUtc, string? Reason, string? VertexRefusal);

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
