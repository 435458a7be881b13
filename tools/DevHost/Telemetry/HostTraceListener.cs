using System.Diagnostics;

namespace HealthOracle.DevHost.Telemetry;

/// <summary>
/// Makes each HTTP request to DevHost an <see cref="Activity"/> that continues the caller's <c>traceparent</c>, as the
/// Functions host does: the invocation's trace context (<c>Invocations</c>) is that activity's, so the worker's spans
/// join the caller's trace. When DevHost receives telemetry, each invocation's request is also recorded as a
/// DevHost span (the worker's invocation span is its child).
/// </summary>
internal sealed class HostTraceListener : IDisposable
{
    /// <summary>The tag <c>Invocations</c> puts on the request's activity: the function it invoked.</summary>
    public const string FunctionTag = "faas.name";

    private readonly ActivityListener _listener;

    public HostTraceListener(TelemetryLog log, TelemetrySettings settings)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (settings.Receives && activity.GetTagItem(FunctionTag) is string function)
                {
                    log.Add(new SpanRecord(
                        activity.TraceId.ToHexString(),
                        activity.SpanId.ToHexString(),
                        activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
                        $"host {function}",
                        "DevHost",
                        "DevHost",
                        activity.Duration.TotalMilliseconds,
                        null,
                        new Dictionary<string, string>(StringComparer.Ordinal) { [FunctionTag] = function }));
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();
}
