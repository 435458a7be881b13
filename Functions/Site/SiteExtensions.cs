using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthOracle.Functions.Site;

internal static class SiteExtensions
{
    /// <summary>The site's frame for HTML answers; the features that answer HTML call it (idempotent).</summary>
    public static IServiceCollection AddSiteFrame(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section);
        services.TryAddSingleton<SiteFrame>();
        return services;
    }
}
