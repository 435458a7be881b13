using System.Runtime.CompilerServices;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HealthOracle.Functions.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry for the worker: traces, metrics and logs to Azure Monitor where
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, over OTLP where <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (both when both are), and nothing at all otherwise: no provider, no listener, no exporter thread.
/// </summary>
internal static class TelemetryExtensions
{
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthenticationString = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The outgoing HTTP calls (model blobs, Gemini) as client spans: .NET's own source, no package needed.</summary>
    private const string HttpClientSource = "System.Net.Http";

    /// <summary>The worker's invocation span, a child of the host's (the invocation's trace context).</summary>
    private const string WorkerSource = "Microsoft.Azure.Functions.Worker";

    public static FunctionsApplicationBuilder AddTelemetry(this FunctionsApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration[ApplicationInsightsConnectionString];
        var otlp = configuration[OtlpEndpoint];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(otlp))
        {
            return builder;
        }

        AddExporters(builder, connectionString, otlp);
        return builder;
    }

    // A method of its own, never inlined: the runtime loads OpenTelemetry's and the Azure Monitor exporter's
    // assemblies when it prepares the method that names their types, so a worker without an exporter never
    // loads them (bench/memory/README.md).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddExporters(FunctionsApplicationBuilder builder, string? connectionString, string? otlp)
    {
        var configuration = builder.Configuration;
        var telemetry = builder.Services.AddOpenTelemetry()
            // Resource attributes of the Function App, and the worker's invocation span joined to the host's trace.
            .UseFunctionsWorkerDefaults()
            .ConfigureResource(resource => resource.AddService(ServiceName(configuration), serviceVersion: typeof(AppTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing.AddSource(AppTelemetry.Name, WorkerSource, HttpClientSource))
            .WithMetrics(metrics => metrics.AddMeter(AppTelemetry.Name));

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                // Application Insights accepts telemetry only with an Entra ID token (local auth is off in infra/).
                options.Credential = AzureMonitorCredential.From(configuration[ApplicationInsightsAuthenticationString]);
            });
        }

        if (!string.IsNullOrWhiteSpace(otlp))
        {
            // Reads the standard OTEL_EXPORTER_OTLP_* settings (endpoint, protocol, headers) for all three signals.
            telemetry.UseOtlpExporter();
        }

        builder.UseMiddleware<ColdStartMiddleware>();
    }

    /// <summary>Whether <see cref="AddTelemetry"/> would export anything with this configuration.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ApplicationInsightsConnectionString]) || !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);

    // Azure Monitor shows service.name as the cloud role: the Function App's name, as the host's own telemetry has it.
    private static string ServiceName(IConfiguration configuration) =>
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name
        : configuration["WEBSITE_SITE_NAME"] is { Length: > 0 } site ? site
        : AppTelemetry.Name;
}
