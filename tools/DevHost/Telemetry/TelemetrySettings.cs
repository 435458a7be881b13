namespace HealthOracle.DevHost.Telemetry;

/// <summary>
/// DevHost's telemetry switches: <c>--telemetry summary</c> prints what the worker exports, <c>--otlp &lt;url&gt;</c>
/// forwards it to an OTLP/HTTP collector. Either one puts DevHost's own receiver between the worker and the world:
/// the worker is given that receiver as its <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
/// </summary>
internal sealed class TelemetrySettings(bool summary, Uri? forwardTo)
{
    /// <summary>Faster than the SDK's defaults (60 s for metrics, 5 s for spans), so that a person sees a request's telemetry at once.</summary>
    private static readonly Dictionary<string, string> LocalDefaults = new(StringComparer.Ordinal)
    {
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "2000",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
    };

    public bool Summary { get; } = summary;

    public Uri? ForwardTo { get; } = forwardTo;

    /// <summary>Whether DevHost receives the worker's telemetry at all.</summary>
    public bool Receives => Summary || ForwardTo is not null;

    /// <summary>The receiver's address once bound.</summary>
    public Uri? ReceiverUri { get; set; }

    /// <summary>The worker's OTLP settings: DevHost's receiver over http/protobuf; local.settings.json may still tune the intervals.</summary>
    public IEnumerable<KeyValuePair<string, string>> WorkerEnvironment(IReadOnlyDictionary<string, string> values)
    {
        if (!Receives || ReceiverUri is null)
        {
            yield break;
        }

        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", ReceiverUri.ToString().TrimEnd('/'));
        yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        foreach (var (name, value) in LocalDefaults)
        {
            if (!values.ContainsKey(name))
            {
                yield return new(name, value);
            }
        }
    }
}
