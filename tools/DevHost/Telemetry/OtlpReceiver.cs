using Google.Protobuf;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Otlp;

namespace HealthOracle.DevHost.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on its own loopback port: <c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>, as a collector serves them. Each request is decoded into <see cref="TelemetryLog"/> and, with
/// <c>--otlp</c>, forwarded unchanged to that endpoint.
/// </summary>
internal sealed partial class OtlpReceiver(TelemetryLog log, IHttpClientFactory clients, TelemetrySettings settings, ILogger<OtlpReceiver> logger)
{
    public const string ForwardClient = "otlp-forward";

    /// <summary>Exporters batch; a request above this is not one DevHost will buffer.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || path is not ("/v1/traces" or "/v1/metrics" or "/v1/logs"))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "This is DevHost's OTLP/HTTP receiver: POST /v1/traces, /v1/metrics or /v1/logs.");
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "DevHost's OTLP receiver takes http/protobuf (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).");
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = buffer.ToArray();
        try
        {
            Record(path, body);
        }
        catch (InvalidProtocolBufferException e)
        {
            LogUndecodable(logger, path, e.Message);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The body is not an OTLP export request.");
            return;
        }

        if (settings.ForwardTo is { } forward)
        {
            await ForwardAsync(forward, path, body, context.RequestAborted);
        }

        // An empty Export*ServiceResponse: full success.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    private void Record(string path, byte[] body)
    {
        switch (path)
        {
            case "/v1/traces":
                foreach (var span in OtlpDecoder.Spans(ExportTraceServiceRequest.Parser.ParseFrom(body)))
                {
                    log.Add(span);
                }

                break;
            case "/v1/metrics":
                foreach (var point in OtlpDecoder.Points(ExportMetricsServiceRequest.Parser.ParseFrom(body)))
                {
                    log.Add(point);
                }

                break;
            default:
                log.AddLogRecords(OtlpDecoder.LogRecords(ExportLogsServiceRequest.Parser.ParseFrom(body)));
                break;
        }
    }

    private async Task ForwardAsync(Uri endpoint, string path, byte[] body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/x-protobuf");
            using var response = await clients.CreateClient(ForwardClient).PostAsync(new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + path), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogForwardFailed(logger, endpoint, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException e)
        {
            LogForwardFailed(logger, endpoint, e.Message);
        }
    }

    [LoggerMessage(EventId = 62, Level = LogLevel.Warning, Message = "OTLP {Path}: not an export request ({Error})")]
    private static partial void LogUndecodable(ILogger logger, string path, string error);

    [LoggerMessage(EventId = 63, Level = LogLevel.Warning, Message = "OTLP forward to {Endpoint} failed: {Error}")]
    private static partial void LogForwardFailed(ILogger logger, Uri endpoint, string error);
}
