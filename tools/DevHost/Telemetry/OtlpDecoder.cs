using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using HealthOracle.DevHost.Otlp;

namespace HealthOracle.DevHost.Telemetry;

/// <summary>Turns OTLP/HTTP protobuf export requests into DevHost's records.</summary>
internal static class OtlpDecoder
{
    public static IEnumerable<SpanRecord> Spans(ExportTraceServiceRequest request) =>
        from resource in request.ResourceSpans
        let service = ServiceName(resource.Resource)
        from scope in resource.ScopeSpans
        from span in scope.Spans
        select new SpanRecord(
            Hex(span.TraceId),
            Hex(span.SpanId),
            span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name,
            scope.Scope?.Name ?? "",
            service,
            (span.EndTimeUnixNano - span.StartTimeUnixNano) / 1e6,
            span.Status is { Code: 2 } status ? "Error" + (status.Message is { Length: > 0 } m ? ": " + m : "") : null,
            Attributes(span.Attributes));

    public static IEnumerable<MetricPointRecord> Points(ExportMetricsServiceRequest request)
    {
        foreach (var metric in request.ResourceMetrics.SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics))
        {
            switch (metric.DataCase)
            {
                case Metric.DataOneofCase.Sum:
                    foreach (var point in metric.Sum.DataPoints)
                    {
                        yield return new MetricPointRecord(metric.Name, metric.Unit, "sum", Attributes(point.Attributes), Number(point));
                    }

                    break;
                case Metric.DataOneofCase.Gauge:
                    foreach (var point in metric.Gauge.DataPoints)
                    {
                        yield return new MetricPointRecord(metric.Name, metric.Unit, "gauge", Attributes(point.Attributes), Number(point));
                    }

                    break;
                case Metric.DataOneofCase.Histogram:
                    foreach (var point in metric.Histogram.DataPoints)
                    {
                        // A point with no measurement has no minimum or maximum (OpenTelemetry .NET sends +∞ and −∞ for them).
                        var measured = point.Count > 0;
                        yield return new MetricPointRecord(metric.Name, metric.Unit, "histogram", Attributes(point.Attributes), point.Count,
                            Finite(point.HasSum, point.Sum), Finite(measured && point.HasMin, point.Min), Finite(measured && point.HasMax, point.Max));
                    }

                    break;
            }
        }
    }

    public static int LogRecords(ExportLogsServiceRequest request) =>
        request.ResourceLogs.SelectMany(r => r.ScopeLogs).Sum(s => s.LogRecords.Count);

    private static double? Finite(bool present, double value) => present && double.IsFinite(value) ? value : null;

    private static double Number(NumberDataPoint point) =>
        point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble;

    private static string ServiceName(Resource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name") is { } name ? Text(name.Value) : "";

    private static Dictionary<string, string> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Text(g.Last().Value), StringComparer.Ordinal);

    private static string Text(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(",", value.ArrayValue.Values.Select(Text)) + "]",
        AnyValue.ValueOneofCase.BytesValue => Hex(value.BytesValue),
        _ => "",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
