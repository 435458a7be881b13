using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Explanations;

internal static class ExplanationsExtensions
{
    /// <summary>Explains a prediction with the model that made it: baseline, exact Shapley factors, what-if at the healthy targets.</summary>
    public static IServiceCollection AddExplanations(this IServiceCollection services) => services.AddSingleton<Explainer>();
}
