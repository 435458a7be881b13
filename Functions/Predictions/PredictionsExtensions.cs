using HealthOracle.Functions.Predictions.WhatIf;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Predictions;

internal static class PredictionsExtensions
{
    /// <summary>Scoring (the domain), its HTTP side for every disease's function, and what-if.</summary>
    public static IServiceCollection AddPredictions(this IServiceCollection services)
    {
        services.AddSingleton<PredictionService>();
        services.AddSingleton<PredictionEndpoint>();
        services.AddSingleton<WhatIfService>();
        return services;
    }
}
