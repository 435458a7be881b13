using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>Full-page screenshots under TestResults/screenshots, one per page state the tests reach.</summary>
internal static class Screenshots
{
    public static string Folder { get; } =
        Path.Combine(Environment.GetEnvironmentVariable("TEST_RESULTS") is { Length: > 0 } results
            ? results
            : Path.Combine(TestSupport.RepositoryPaths.Root, "TestResults"), "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    /// <summary>One element of the page (the page is not resized, unlike a full-page screenshot).</summary>
    public static async Task SaveAsync(ILocator element, string name)
    {
        Directory.CreateDirectory(Folder);
        await element.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png") });
    }
}
