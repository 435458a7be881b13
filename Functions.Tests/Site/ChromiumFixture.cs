using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// Debian's Chromium driven by Playwright: <c>CHROMIUM_PATH</c>, else /usr/bin/chromium. Playwright
/// never downloads a browser here; CI installs the distribution's package.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: apt-get install chromium, or set CHROMIUM_PATH.");
        }

        Assertions.SetDefaultExpectTimeout(WaitMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = Args });
    }

    /// <summary>A fresh context (cookies, storage) at a phone's width unless told otherwise.</summary>
    public async Task<IBrowserContext> NewContextAsync(bool javaScript = true, int width = 390)
    {
        var context = await Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = 844 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(WaitMilliseconds);
        context.SetDefaultNavigationTimeout(WaitMilliseconds);
        return context;
    }

    /// <summary>
    /// How long an action, a navigation or an expectation may wait. The browser tests test what a page does, not how fast:
    /// at load 40 on two cores, a sign-in's redirect once took longer than Playwright's 30 s (issue 24, S10), and its
    /// expectations wait 5 s by default.
    /// </summary>
    public const float WaitMilliseconds = 120_000;

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
