using HealthOracle.Functions.Site;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Predictions;

internal static class PredictionsExtensions
{
    public static IServiceCollection AddPredictions(this IServiceCollection services)
    {
        services.AddSiteFrame();
        services.AddSingleton<PredictionService>();
        return services;
    }
}
