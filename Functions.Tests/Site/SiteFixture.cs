using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The site served beside the API, and a Chromium to visit it.</summary>
public class SiteFixture : IAsyncLifetime
{
    private readonly ChromiumFixture _chromium = new();

    public Uri Site { get; private set; } = null!;

    /// <summary>App settings for this fixture's app, on top of the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public Task<IBrowserContext> NewContextAsync(bool javaScript = true, int width = 390) => _chromium.NewContextAsync(javaScript, width);

    public virtual async Task InitializeAsync()
    {
        await _chromium.InitializeAsync();
        Site = new Uri(Environment.GetEnvironmentVariable("SITE_BASE_URL") ?? throw new InvalidOperationException("SITE_BASE_URL"));
    }

    public virtual async Task DisposeAsync() => await _chromium.DisposeAsync();
}
