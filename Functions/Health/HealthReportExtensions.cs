using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Health;

internal static class HealthReportExtensions
{
    public static IServiceCollection AddHealthReport(this IServiceCollection services)
    {
        services.AddSingleton<HealthReporter>();
        return services;
    }
}
