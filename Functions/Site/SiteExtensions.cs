using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Site;

internal static class SiteExtensions
{
    /// <summary>The site's frame for the HTML answers.</summary>
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section);
        services.AddSingleton<SiteFrame>();
        return services;
    }
}
