using System.Collections.Concurrent;
using System.Globalization;

namespace HealthOracle.DevHost.Telemetry;

/// <summary>
/// What DevHost saw of the worker's telemetry (and its own request spans): the latest spans, each metric's latest
/// point per attribute set, and a count of log records. With <c>--telemetry summary</c> it prints one line per span
/// and per metric point that changed. <c>GET /admin/telemetry</c> answers all of it as JSON.
/// </summary>
internal sealed partial class TelemetryLog(ILogger<TelemetryLog> logger, bool print)
{
    private const int MaxSpans = 2000;

    private readonly ConcurrentQueue<SpanRecord> _spans = new();
    private readonly ConcurrentDictionary<string, MetricPointRecord> _points = new(StringComparer.Ordinal);
    private long _logRecords;

    public IReadOnlyList<SpanRecord> Spans => [.. _spans];

    public IReadOnlyList<MetricPointRecord> Points => [.. _points.Values.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public long LogRecords => Interlocked.Read(ref _logRecords);

    public void Add(SpanRecord span)
    {
        _spans.Enqueue(span);
        while (_spans.Count > MaxSpans && _spans.TryDequeue(out _))
        {
        }

        if (print)
        {
            LogSpan(logger, span.Source, span.Name, span.DurationMs, Short(span.TraceId), Short(span.ParentSpanId), Describe(span.Attributes, span.Status));
        }
    }

    public void Add(MetricPointRecord point)
    {
        var previous = _points.TryGetValue(point.Key, out var known) ? known : null;
        _points[point.Key] = point;
        if (print && (previous is null || previous.Value != point.Value || previous.Sum != point.Sum))
        {
            var value = point.Kind == "histogram"
                ? string.Create(CultureInfo.InvariantCulture, $"count {point.Value} sum {point.Sum:0.##} max {point.Max:0.##} {point.Unit}")
                : string.Create(CultureInfo.InvariantCulture, $"{point.Value:0.##}{(previous is null ? "" : $" (+{point.Value - previous.Value:0.##})")}");
            LogMetric(logger, point.Key, value);
        }
    }

    public void AddLogRecords(int count) => Interlocked.Add(ref _logRecords, count);

    private static string Short(string? id) => id is { Length: > 8 } ? id[..8] : id ?? "-";

    private static string Describe(IReadOnlyDictionary<string, string> attributes, string? status) =>
        string.Join(" ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")) + (status is null ? "" : $" [{status}]");

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "span {Source}: {Name} {DurationMs:0.0} ms trace {TraceId} parent {ParentSpanId} {Attributes}")]
    private static partial void LogSpan(ILogger logger, string source, string name, double durationMs, string traceId, string parentSpanId, string attributes);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "metric {Point} = {Value}")]
    private static partial void LogMetric(ILogger logger, string point, string value);
}
