using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Telemetry;
using HealthOracle.DevHost.Timers;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// The part of the host's admin API that local work needs, behind the master key:
/// <c>POST /admin/functions/{name}</c> fires a non-HTTP function (202, as the host answers) and
/// <c>GET /admin/host/status</c> reports the host and its worker, <c>GET /admin/telemetry</c> lists what DevHost
/// received of the worker's OpenTelemetry (with <c>--telemetry</c> or <c>--otlp</c>).
/// </summary>
internal sealed partial class AdminApi(
    WorkerSupervisor supervisor,
    TelemetryLog telemetry,
    KeyAuthorizer keys,
    TriggerInvoker invoker,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<AdminApi> logger)
{
    public async Task HandleAsync(HttpContext context, PathString path)
    {
        if (!keys.IsAuthorized(context.Request, AuthorizationLevel.Admin))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, KeyAuthorizer.Missing(AuthorizationLevel.Admin));
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path.Equals("/host/status", StringComparison.OrdinalIgnoreCase))
        {
            var worker = supervisor.Current;
            await context.Response.WriteAsJsonAsync(new
            {
                state = worker is null ? "Initialized" : "Running",
                version = WorkerSupervisor.HostVersion,
                workerProcessId = worker?.ProcessId,
                workerRestarts = supervisor.Restarts,
                functions = worker?.Functions.Select(f => f.Name) ?? [],
            });
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method) && path.Equals("/telemetry", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsJsonAsync(TelemetryBody(telemetry), TelemetryJson);
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && path.StartsWithSegments("/functions", out var rest)
            && rest.Value?.Trim('/') is { Length: > 0 } name && !name.Contains('/'))
        {
            await FireAsync(context, name);
            return;
        }

        await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound,
            "The admin API has GET /admin/host/status, GET /admin/telemetry and POST /admin/functions/{name}.");
    }

    /// <summary>
    /// How <c>GET /admin/telemetry</c> writes what the worker sent: a gauge or sum may be NaN or infinite, which JSON has no
    /// number for, so they are written as the strings "NaN", "Infinity", "-Infinity" instead of failing the answer.
    /// </summary>
    internal static readonly JsonSerializerOptions TelemetryJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    internal static object TelemetryBody(TelemetryLog telemetry) =>
        new { spans = telemetry.Spans, metrics = telemetry.Points, logRecords = telemetry.LogRecords };

    private async Task FireAsync(HttpContext context, string name)
    {
        var worker = supervisor.Current;
        var function = worker?.Find(name);
        if (function is null)
        {
            await (worker is null
                ? ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker is starting; try again shortly.")
                : ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "The worker has no function of that name."));
            return;
        }

        if (function.IsHttp)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, $"'{function.Name}' is an HTTP function: call its route.");
            return;
        }

        var input = await ReadInputAsync(context);
        var now = time.GetUtcNow();
        var trigger = function.IsTimer
            ? TimerScheduler.CreateTimerInfo(now, now, isPastDue: false)
            : new TypedData { String = input ?? "" };
        LogFired(logger, function.Name);

        // The host queues the invocation and answers 202 at once.
        _ = Task.Run(async () =>
        {
            try
            {
                await invoker.InvokeAsync(function.Name, trigger, "This function was programmatically called via the host APIs.", lifetime.ApplicationStopping);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
            {
                // Shutting down or the worker changed under us: the outcome is already logged.
            }
        });
        context.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task<string?> ReadInputAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0 && context.Request.Headers.TransferEncoding.Count == 0)
        {
            return null;
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return body.RootElement.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String ? input.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Admin API fired {FunctionName}")]
    private static partial void LogFired(ILogger logger, string functionName);
}
