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
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // App Insights adds a rule that keeps only Warning and above; remove it so Information arrives.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var defaultRule = options.Rules.FirstOrDefault(rule =>
                rule.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (defaultRule is not null)
            {
                options.Rules.Remove(defaultRule);
            }
        });

        builder.UseMiddleware<ExceptionHandlingMiddleware>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
