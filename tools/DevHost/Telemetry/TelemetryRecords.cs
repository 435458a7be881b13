namespace HealthOracle.DevHost.Telemetry;

/// <summary>One span as DevHost received it (or, for <c>source</c> DevHost, as it recorded its own request).</summary>
internal sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Source,
    string Service,
    double DurationMs,
    string? Status,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// A metric's latest point for one attribute set: <see cref="Value"/> is a counter's (cumulative) sum or a gauge's
/// value; for a histogram it is the count, with <see cref="Sum"/>, <see cref="Min"/> and <see cref="Max"/> beside it.
/// </summary>
internal sealed record MetricPointRecord(
    string Name,
    string Unit,
    string Kind,
    IReadOnlyDictionary<string, string> Attributes,
    double Value,
    double? Sum = null,
    double? Min = null,
    double? Max = null)
{
    /// <summary>The point's identity: the metric and its attributes in order.</summary>
    public string Key => Name + "{" + string.Join(",", Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")) + "}";
}
