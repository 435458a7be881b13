namespace HealthOracle.Functions.Health;

/// <summary>GET /api/health.</summary>
internal sealed record HealthReport(string Status, IReadOnlyDictionary<string, ModelHealth> Models);

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
internal sealed record RefusedHealth(string Version, string Reason);
