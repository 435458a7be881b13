using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Models;

internal static class ModelStoreExtensions
{
    public static IServiceCollection AddModelStore(this IServiceCollection services)
    {
        return services;
    }
}
