using System.Diagnostics;
using HealthOracle.Functions.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HealthOracle.Functions.Tests.Infrastructure.Telemetry;

/// <summary>Tests that read the app's static instruments run alone, so that no other test's measurements mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

/// <summary>
/// The app's spans and metric points, exported in process by the OpenTelemetry SDK's in-memory exporters, as the
/// worker's providers would export them. Spans are kept only from the trace of the test's own parent span.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(AppTelemetry.Name).AddInMemoryExporter(_spans).Build()!;
        _meter = Sdk.CreateMeterProviderBuilder().AddMeter(AppTelemetry.Name).AddInMemoryExporter(_metrics).Build()!;
        // Sampled, as the host's trace context is: the SDK's default sampler follows the parent's decision.
        Parent = new Activity("test invocation").SetIdFormat(ActivityIdFormat.W3C).Start();
        Parent.ActivityTraceFlags = ActivityTraceFlags.Recorded;
    }

    /// <summary>Stands for the worker's invocation span: the app's spans must be its children.</summary>
    public Activity Parent { get; }

    public IReadOnlyList<Activity> Spans()
    {
        _tracer.ForceFlush();
        return [.. _spans.Where(s => s.TraceId == Parent.TraceId)];
    }

    /// <summary>Every exported point as (metric, attributes, value): a counter's sum, a histogram's count.</summary>
    public IReadOnlyList<MetricPointRecord> Points()
    {
        _metrics.Clear();
        _meter.ForceFlush();
        var points = new List<MetricPointRecord>();
        foreach (var metric in _metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                var value = metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.DoubleSum => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => double.NaN,
                };
                var sum = metric.MetricType == MetricType.Histogram ? point.GetHistogramSum() : value;
                points.Add(new MetricPointRecord(metric.Name, metric.Unit, tags, value, sum));
            }
        }

        return points;
    }

    public IEnumerable<MetricPointRecord> Points(string metric) => Points().Where(p => p.Metric == metric);

    public void Dispose()
    {
        Parent.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
    }
}

/// <summary>One exported point: for a histogram <see cref="Value"/> is its count and <see cref="Sum"/> its sum.</summary>
internal sealed record MetricPointRecord(string Metric, string? Unit, IReadOnlyDictionary<string, object?> Attributes, double Value, double Sum)
{
    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
