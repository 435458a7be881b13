using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.WarmUp;

internal static class WarmUpExtensions
{
    public static IServiceCollection AddWarmUp(this IServiceCollection services)
    {
        services.AddOptions<WarmupOptions>().BindConfiguration(WarmupOptions.Section);
        services.AddHttpClient(ModelRefresher.PingClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ModelRefresher>();
        return services;
    }
}
