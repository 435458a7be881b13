namespace HealthOracle.Functions.Tests.Site;

/// <summary>The site behind an app that allows one chat message a minute.</summary>
public sealed class RateLimitedSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Chat__RateLimit__PermitsPerMinute"] = "1" };
}

[Trait("Category", "Browser")]
public sealed class RateLimitTests(RateLimitedSiteFixture site) : IClassFixture<RateLimitedSiteFixture>
{
    [Fact]
    public async Task Chat_OverTheRateLimit_SaysHowLongToWait()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");

        var allowed = await ChatTests.AskAsync(page, "Is walking good exercise?");
        await page.FillAsync("#chat-message", "How far should I walk?");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/chat", StringComparison.Ordinal));
        await page.Locator("#chat-error:not([hidden])").WaitForAsync();
        await Screenshots.SaveAsync(page, "chat-rate-limited");

        Assert.Equal(200, allowed.Status);
        Assert.Equal(429, refused.Status);
        // The site reads the server's Retry-After (exposed to its script), says it once, and keeps the question.
        var seconds = int.Parse(refused.Headers["retry-after"]);
        Assert.Contains("Retry-After", refused.Headers["access-control-expose-headers"].Split(", "));
        Assert.Equal($"You have asked many questions in a short time. You can ask again in {seconds} seconds.", await page.Locator("#chat-error").InnerTextAsync());
        Assert.Equal(1, await page.GetByText("You have asked many questions").CountAsync());
        Assert.Equal("How far should I walk?", await page.Locator("#chat-message").InputValueAsync());
        Assert.Equal(2, await page.Locator("#chat-log > li").CountAsync());
        Assert.True(await page.Locator("#chat-form button[type=submit]").IsDisabledAsync());
    }
}
