using HealthOracle.Functions.Infrastructure.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// At the instance's start: says once in the log when the gateway is required but not configured, and points the
/// <c>healthoracle.gateway.unconfigured</c> gauge at this instance's keys, so that the alert fires whether or not
/// anyone calls a paid route (infra/app/alerts.bicep).
/// </summary>
internal sealed partial class GatewayStartup(GatewayKeys keys, ILogger<GatewayStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AppTelemetry.ObserveGatewayNotConfigured(() => keys.Reason);
        if (keys.Problem is { } problem)
        {
            LogNotConfigured(logger, problem);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9103, Level = LogLevel.Error, Message = "The API gateway is required but not configured: {Problem}; paid calls are answered 503")]
    private static partial void LogNotConfigured(ILogger logger, string problem);
}
