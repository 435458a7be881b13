using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.WarmUp;

internal static class WarmUpExtensions
{
    /// <summary>The warm-up's services, and the stale check that runs after every prediction function.</summary>
    public static FunctionsApplicationBuilder AddWarmUp(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddWarmUp();
        builder.UseWhen<StaleModelCheckMiddleware>(StaleModelCheckMiddleware.IsPrediction);
        return builder;
    }

    public static IServiceCollection AddWarmUp(this IServiceCollection services)
    {
        services.AddOptions<WarmUpOptions>().BindConfiguration(WarmUpOptions.Section);
        services.AddHttpClient(ModelRefresher.PingClient, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<ModelRefresher>();
        services.AddSingleton<StaleModelCheck>();
        return services;
    }
}
