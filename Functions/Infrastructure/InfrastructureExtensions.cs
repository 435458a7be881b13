using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Infrastructure.Correlation;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Infrastructure;

internal static class InfrastructureExtensions
{
    public static FunctionsApplicationBuilder AddInfrastructure(this FunctionsApplicationBuilder builder)
    {
        // OpenTelemetry only where an exporter is configured (Azure sets the connection string; an OTLP endpoint
        // locally): otherwise nothing is registered, so it costs no start-up time or memory.
        builder.AddTelemetry();

        // Per-request framework chatter (request started/finished, endpoint executing, HttpClient
        // send/receive) would travel to the host as several RpcLog messages per prediction (and to the exporter)
        // and be billed as log volume; the host already records every invocation. Warnings and errors still arrive.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // The Azure SDK's request and response lines (with headers) for each blob read: failures only.
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);

        // First: every answer, a failure's too, carries the request's ids (x-request-id, traceresponse).
        builder.UseMiddleware<RequestIdMiddleware>();

        // Unhandled exceptions end in a 500 (logged); the features' domain failures in their own problems.
        builder.UseMiddleware<ExceptionHandlingMiddleware>();
        builder.UseMiddleware<SecurityHeadersMiddleware>();
        builder.Services.AddSingleton<DomainProblems>();
        builder.UseMiddleware<DomainProblems>();

        // api-version: absent is the current version, an unknown one a 400 before any body is read.
        builder.UseMiddleware<ApiVersionMiddleware>();

        // At most a few large bodies (batches) worked on at once: the worker's memory stays bounded whatever the callers send.
        builder.Services.AddOptions<LargeBodyGateOptions>().BindConfiguration(LargeBodyGateOptions.Section);
        builder.UseMiddleware<LargeBodyGate>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ClientAddressOptions>().BindConfiguration(ClientAddressOptions.Section);
        builder.Services.AddSingleton<ClientAddress>();
        return builder;
    }
}
