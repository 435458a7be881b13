using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Pages;

internal static class PagesExtensions
{
    /// <summary>
    /// The pages the API answers to the site's forms (<c>/api/pages/…</c>): not part of the JSON API or its
    /// document. They use the predictions, chat and people features; nothing here is built before a page is asked for.
    /// </summary>
    public static IServiceCollection AddPages(this IServiceCollection services) => services.AddSingleton<PageLinks>();
}
