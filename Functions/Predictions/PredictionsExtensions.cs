using HealthOracle.Functions.Explanations;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Predictions;

internal static class PredictionsExtensions
{
    public static IServiceCollection AddPredictions(this IServiceCollection services)
    {
        services.AddSingleton<PredictionService>();
        // Every prediction is explained by the same lease's model (baseline, factors, what-if).
        services.AddExplanations();
        return services;
    }
}
