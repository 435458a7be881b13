using Microsoft.Playwright;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The site behind an app with no Gemini configuration.</summary>
public sealed class ChatlessSiteFixture : SiteFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } =
        new Dictionary<string, string> { ["Gemini__ApiKey"] = "", ["Gemini__Endpoint"] = "" };
}

/// <summary>The assistant says when it is away, before anyone types, and never pretends.</summary>
[Trait("Category", "Browser")]
public sealed class ChatAvailabilityTests(ChatlessSiteFixture site) : IClassFixture<ChatlessSiteFixture>
{
    [Fact]
    public async Task ChatPage_ChatNotConfigured_SaysSoAndSwitchesTheFormOff()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");
        await Screenshots.SaveAsync(page, "chat-unavailable");

        Assert.Equal("The assistant is not available on this site: it has not been set up. The risk checks work without it.",
            await page.Locator("#chat-unavailable").InnerTextAsync());
        Assert.True(await page.Locator("#chat-message").IsDisabledAsync());
        Assert.True(await page.Locator("#chat-form button[type=submit]").IsDisabledAsync());
        await Axe.AssertNoViolationsAsync(page, "assistant, not configured");
    }

    [Fact]
    public async Task Result_ChatNotConfigured_OffersNoAssistantButtons()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result .assistant-actions .note").WaitForAsync();

        Assert.Equal(0, await page.Locator("text=Ask the assistant about this result").CountAsync());
        Assert.Equal(0, await page.Locator("text=Get suggestions").CountAsync());
        Assert.Contains("not available on this site", await page.Locator("#result .assistant-actions").InnerTextAsync());
    }

    [Fact]
    public async Task Health_SaysChatIsNotConfigured()
    {
        using var client = new HttpClient { BaseAddress = site.Api };

        var health = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("api/health")).RootElement;

        Assert.False(health.GetProperty("chat").GetProperty("configured").GetBoolean());
    }
}

/// <summary>A send that fails keeps the question and says why, once.</summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ChatFailureTests(SiteFixture site)
{
    [Fact]
    public async Task Send_ModelFails_KeepsTheQuestionAndShowsOneMessage()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");
        site.Gemini.When("Is coffee bad for the heart?", GeminiBehavior.Status(500));

        await page.FillAsync("#chat-message", "Is coffee bad for the heart?");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/chat", StringComparison.Ordinal));
        await page.Locator("#chat-error:not([hidden])").WaitForAsync();
        await Screenshots.SaveAsync(page, "chat-failed");

        Assert.Equal(502, response.Status);
        Assert.Equal("Is coffee bad for the heart?", await page.Locator("#chat-message").InputValueAsync());
        Assert.Equal("The assistant's model failed to answer. Please try again.", await page.Locator("#chat-error").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#chat-log li").CountAsync());
        Assert.Equal("", await page.Locator("#chat-status").InnerTextAsync());
        Assert.Equal(1, await page.GetByText("The assistant's model failed to answer.").CountAsync());
        Assert.False(await page.Locator("#chat-form button[type=submit]").IsDisabledAsync());
    }

    [Fact]
    public async Task ChatLog_KeepsListSemantics()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");

        await ChatTests.AskAsync(page, "What is a healthy resting heart rate?");

        Assert.Null(await page.Locator("#chat-log").GetAttributeAsync("role"));
        Assert.Equal("OL", await page.Locator("#chat-log").EvaluateAsync<string>("e => e.tagName"));
        Assert.Equal("log", await page.Locator("#chat-log-region").GetAttributeAsync("role"));
        // The accessibility tree has a list of two items here (the question and the reply), not a bare log.
        Assert.Equal(2, await page.Locator("#chat-log-region").GetByRole(AriaRole.List).First.Locator(":scope > li").CountAsync());
        Assert.True(await page.GetByRole(AriaRole.Log, new() { Name = "Conversation" }).GetByRole(AriaRole.List).First.IsVisibleAsync());
    }
}
