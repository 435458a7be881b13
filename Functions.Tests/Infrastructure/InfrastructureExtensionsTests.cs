using HealthOracle.Functions.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class InfrastructureExtensionsTests
{
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
