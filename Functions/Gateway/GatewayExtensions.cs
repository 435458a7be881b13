using HealthOracle.Functions.Infrastructure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthOracle.Functions.Gateway;

internal static class GatewayExtensions
{
    /// <summary>The check that keeps the paid API to the API gateway and the site to one person's worth of calls.</summary>
    public static FunctionsApplicationBuilder AddGateway(this FunctionsApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddSingleton<GatewayKeys>();
        builder.Services.AddSingleton<IHealthProblems, GatewayHealth>();
        builder.Services.AddHostedService<GatewayStartup>();
        builder.UseMiddleware<GatewayMiddleware>();
        return builder;
    }
}
