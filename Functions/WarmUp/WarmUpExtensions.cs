using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.WarmUp;

internal static class WarmUpExtensions
{
    public static IServiceCollection AddWarmUp(this IServiceCollection services)
    {
        return services;
    }
}
