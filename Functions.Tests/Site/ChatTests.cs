using System.Text.Json;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The assistant in Chromium against the real chat page route and the stand-in Gemini.</summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ChatTests(SiteFixture site)
{
    // Records every state the streaming reply passes through, so the test sees chunks arrive.
    private const string RecordReplies = """
        () => {
          window.replyStates = [];
          new MutationObserver(() => {
            const body = document.querySelector(".message.model:last-child .body");
            const text = body?.textContent ?? "";
            if (text && window.replyStates.at(-1) !== text) window.replyStates.push(text);
          }).observe(document.getElementById("chat-log"), { subtree: true, childList: true, characterData: true });
        }
        """;

    [Fact]
    public async Task Chat_Question_StreamsTheReplyAndSendsTheHistoryBack()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");
        await page.EvaluateAsync(RecordReplies);
        site.Gemini.Enqueue(GeminiBehavior.Chunks(
            "Here is what **helps** most:\n\n", "- Walk daily\n- Eat more ", "vegetables <img src=x onerror=alert(1)>\n", "\nSee a doctor for advice."));

        var first = await AskAsync(page, "How can I lower my blood pressure?");
        var states = await page.EvaluateAsync<string[]>("() => window.replyStates");
        var firstReply = await page.Locator(".message.model .body").First.InnerHTMLAsync();
        var second = await AskAsync(page, "And my cholesterol?");
        await Screenshots.SaveAsync(page, "chat");

        Assert.Equal(200, first.Status);
        Assert.StartsWith("text/event-stream", first.Headers["content-type"]);
        Assert.True(states.Length >= 2, $"the reply was rendered in {states.Length} steps");
        Assert.All(states.SkipLast(1), partial => Assert.StartsWith(partial, states[^1]));
        Assert.Equal(
            "<p>Here is what <strong>helps</strong> most:</p><ul><li>Walk daily</li><li>Eat more vegetables &lt;img src=x onerror=alert(1)&gt;</li></ul><p>See a doctor for advice.</p>",
            firstReply);
        Assert.Equal(0, await page.Locator("#chat-log img").CountAsync());
        Assert.Equal(2, await page.Locator(".message.model").CountAsync());
        // The conversation travels in the form's hidden fields, as without JavaScript.
        var sent = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(second.Request.PostData!);
        Assert.Equal("How can I lower my blood pressure?", sent["history_user"].ToString());
        Assert.StartsWith("Here is what **helps** most:", sent["history_model"].ToString());
        Assert.Equal("And my cholesterol?", sent["message"].ToString());
    }

    [Fact]
    public async Task Chat_ReplyBlockedForSafety_SaysSoInsteadOfAnAnswer()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");
        site.Gemini.Enqueue(GeminiBehavior.SafetyBlocked());

        await page.FillAsync("#chat-message", "Tell me something unsafe.");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/chat", StringComparison.Ordinal));
        await page.Locator("#chat-error:not([hidden])").WaitForAsync();
        await Screenshots.SaveAsync(page, "chat-safety");

        Assert.Equal(200, response.Status);
        Assert.Equal(HealthOracle.Functions.Chat.ChatReplies.SafetyMessage, await page.Locator("#chat-error").TextContentAsync());
        Assert.Equal(0, await page.Locator(".message.model").CountAsync());
        Assert.Equal("Tell me something unsafe.", await page.Locator("#chat-message").InputValueAsync());
    }

    [Fact]
    public async Task Result_AskTheAssistant_SendsThePredictionWithTheQuestion()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        await page.ClickAsync("text=Ask the assistant about this result");
        await page.Locator("form[data-ready='true']").WaitForAsync();
        var response = await AskAsync(page, "What does this result mean?");

        Assert.True(await page.Locator("#chat-context").IsVisibleAsync());
        var prediction = JsonDocument.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(response.Request.PostData!)["prediction"].ToString()).RootElement;
        Assert.Equal("heart", prediction.GetProperty("disease").GetString());
        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Result_GetSuggestions_ListsThem()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "diabetes.html");
        await page.FillFormAsync(Patients.For("diabetes"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        await page.ClickAsync("text=Get suggestions");
        await page.Locator(".suggestions li").First.WaitForAsync();
        await Screenshots.SaveAsync(page, "diabetes-suggestions");

        Assert.InRange(await page.Locator(".suggestions li").CountAsync(), 10, 15);
    }

    internal static async Task<IResponse> AskAsync(IPage page, string question)
    {
        var replies = await page.Locator(".message.model").CountAsync();
        await page.FillAsync("#chat-message", question);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Keyboard.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/chat", StringComparison.Ordinal));
        await page.Locator($".message.model:nth-child({(replies + 1) * 2}):not(.streaming)").WaitForAsync();
        return response;
    }
}
