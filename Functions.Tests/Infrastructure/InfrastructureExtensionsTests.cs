using HealthOracle.Functions.Infrastructure;
using Microsoft.ApplicationInsights;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class InfrastructureExtensionsTests
{
    [Fact]
    public void AddInfrastructure_WithoutAConnectionString_RegistersNoTelemetry()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[InfrastructureExtensions.ApplicationInsightsConnectionString] = "";

        builder.AddInfrastructure();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(TelemetryClient));
    }

    [Fact]
    public void AddInfrastructure_WithAConnectionString_RegistersTelemetry()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration[InfrastructureExtensions.ApplicationInsightsConnectionString] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";

        builder.AddInfrastructure();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(TelemetryClient));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("System.Net.Http.HttpClient.Default.LogicalHandler")]
    [InlineData("Azure.Core")]
    public void AddInfrastructure_FrameworkPerRequestCategories_LogWarningsOnly(string category)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.AddInfrastructure();
        using var services = builder.Services.BuildServiceProvider();
        using var factory = services.GetRequiredService<ILoggerFactory>();

        var logger = factory.CreateLogger(category);

        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("HealthOracle.Functions.Predictions.PredictionService").IsEnabled(LogLevel.Information));
    }
}
