using HealthOracle.DevHost.Telemetry;

namespace HealthOracle.DevHost.Hosting;

/// <summary>What every part of DevHost shares: options, settings, host.json, and the gRPC address once bound.</summary>
internal sealed class DevHostContext(DevHostOptions options, LocalSettings settings, HostJson hostJson)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DevHostOptions Options { get; } = options;

    public LocalSettings Settings { get; } = settings;

    public HostJson HostJson { get; } = hostJson;

    /// <summary>Whether DevHost receives, prints or forwards the worker's telemetry, and where its receiver listens.</summary>
    public TelemetrySettings Telemetry { get; } = new(options.TelemetrySummary, options.OtlpEndpoint);

    public Uri GrpcUri { get; private set; } = new("http://127.0.0.1/");

    public Task Started => _started.Task;

    public void MarkStarted(Uri grpcUri)
    {
        GrpcUri = grpcUri;
        _started.TrySetResult();
    }
}
