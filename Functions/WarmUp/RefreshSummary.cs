namespace HealthOracle.Functions.WarmUp;

/// <summary>What one refresh did: per disease, and the ping.</summary>
internal sealed record RefreshSummary(
    DateTimeOffset StartedUtc,
    string Manifest,
    IReadOnlyList<RefreshItem> Models,
    int? PingStatus,
    double ElapsedMilliseconds);

/// <summary>
/// One disease in a refresh. <paramref name="Action"/>: <c>loaded</c>, <c>swapped</c>, <c>refused</c>,
/// <c>failed</c> (storage), <c>unchanged</c> or <c>skipped</c> (not loaded and not preloaded).
/// </summary>
internal sealed record RefreshItem(string Disease, string Action, string? Version, string? PreviousVersion, string? Reason, double Milliseconds);
