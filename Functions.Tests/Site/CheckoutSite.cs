using HealthOracle.SiteBuilder;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The site built from this checkout (once per test run, into a temporary folder), served to a browser context
/// through a Playwright route at a made-up origin, for tests of the pages and modules themselves (ES modules do not
/// load from file://). Nothing answers /api there, so the pages behave as if the API were unreachable.
/// </summary>
internal static class CheckoutSite
{
    public const string Origin = "http://site.test/";

    private static readonly Lazy<Task<string>> Built = new(async () =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "healthoracle-checkout-site-" + Environment.ProcessId);
        await new SiteBuild(TestSupport.RepositoryPaths.Root, folder).WriteAsync();
        return folder;
    });

    /// <summary>The built site's folder.</summary>
    public static Task<string> FolderAsync() => Built.Value;

    public static async Task<IBrowserContext> OpenAsync(ChromiumFixture chromium, string path = "index.html", bool javaScript = true)
    {
        var folder = await FolderAsync();
        var context = await chromium.NewContextAsync(javaScript);
        await context.RouteAsync(Origin + "**", route => ServeAsync(folder, route));
        var page = await context.NewPageAsync();
        await page.GotoAsync(Origin + path);
        return context;
    }

    private static async Task ServeAsync(string folder, IRoute route)
    {
        var path = Path.Combine(folder, new Uri(route.Request.Url).AbsolutePath.TrimStart('/'));
        var type = Path.GetExtension(path) switch { ".js" => "text/javascript", ".css" => "text/css", ".svg" => "image/svg+xml", ".png" => "image/png", _ => "text/html" };
        await (File.Exists(path)
            ? route.FulfillAsync(new() { Status = 200, ContentType = type, BodyBytes = await File.ReadAllBytesAsync(path) })
            : route.FulfillAsync(new() { Status = 404 }));
    }
}
