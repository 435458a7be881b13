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
        var refused = await ChatTests.AskAsync(page, "How far should I walk?");
        await Screenshots.SaveAsync(page, "chat-rate-limited");

        Assert.Equal(200, allowed.Status);
        Assert.Equal(429, refused.Status);
        var seconds = int.Parse(refused.Headers["retry-after"]);
        var message = page.Locator(".message.model.failed .error-message");
        Assert.Equal($"Too many requests. Please wait {seconds} seconds, then try again.", await message.TextContentAsync());
        Assert.True(await page.Locator("#chat-form button[type=submit]").IsDisabledAsync());
    }
}
