using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// Serves the checkout's site/ folder to a browser context through a Playwright route at a made-up
/// origin, for tests of the pages and modules themselves (ES modules do not load from file://).
/// Nothing answers /api there, so the pages behave as if the API were unreachable.
/// </summary>
internal static class CheckoutSite
{
    public const string Origin = "http://site.test/";

    public static async Task<IBrowserContext> OpenAsync(ChromiumFixture chromium, string path = "index.html")
    {
        var context = await chromium.NewContextAsync();
        await context.RouteAsync(Origin + "**", ServeAsync);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Origin + path);
        return context;
    }

    private static async Task ServeAsync(IRoute route)
    {
        var path = Path.Combine(TestSupport.RepositoryPaths.Root, "site", new Uri(route.Request.Url).AbsolutePath.TrimStart('/'));
        var type = Path.GetExtension(path) switch { ".js" => "text/javascript", ".css" => "text/css", _ => "text/html" };
        await (File.Exists(path)
            ? route.FulfillAsync(new() { Status = 200, ContentType = type, BodyBytes = await File.ReadAllBytesAsync(path) })
            : route.FulfillAsync(new() { Status = 404 }));
    }
}
