using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HealthOracle.Functions.Tests.Infrastructure.Telemetry;

public sealed class TelemetryExtensionsTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

    [Fact]
    public void AddInfrastructure_WithoutAnExporter_RegistersNoTelemetry()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[TelemetryExtensions.ApplicationInsightsConnectionString] = "";
        builder.Configuration[TelemetryExtensions.OtlpEndpoint] = " ";

        builder.AddInfrastructure();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TracerProvider));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(MeterProvider));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(LoggerProvider));
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(ColdStartMiddleware) || d.ImplementationType == typeof(ColdStartMiddleware));
    }

    [Theory]
    [InlineData(TelemetryExtensions.ApplicationInsightsConnectionString, ConnectionString)]
    [InlineData(TelemetryExtensions.OtlpEndpoint, "http://127.0.0.1:4318")]
    public void AddInfrastructure_WithAnExporter_RegistersTracesMetricsAndLogs(string setting, string value)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[setting] = value;

        builder.AddInfrastructure();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(LoggerProvider));
    }

    [Fact]
    public void AddInfrastructure_WithBothExporters_BuildsAHost()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[TelemetryExtensions.ApplicationInsightsConnectionString] = ConnectionString;
        builder.Configuration[TelemetryExtensions.OtlpEndpoint] = "http://127.0.0.1:4318";
        builder.AddInfrastructure();

        using var host = builder.Build();

        Assert.NotNull(host.Services.GetService(typeof(TracerProvider)));
        Assert.NotNull(host.Services.GetService(typeof(MeterProvider)));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Authorization=Key", false)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555", true)]
    [InlineData(" authorization = aad ; clientid = 11111111-2222-3333-4444-555555555555 ", true)]
    public void AzureMonitorCredential_AuthenticationString_UsesManagedIdentityOnlyForAad(string? authenticationString, bool managedIdentity)
    {
        var credential = AzureMonitorCredential.From(authenticationString);

        Assert.Equal(managedIdentity, credential is Azure.Identity.ManagedIdentityCredential);
    }
}
