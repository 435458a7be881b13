using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Site;

internal static class SiteExtensions
{
    /// <summary>Where the site lives (<c>Site__Url</c>): the pages the API answers link to it. The renderer itself is static.</summary>
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section);
        return services;
    }
}
