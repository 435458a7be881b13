using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.NoScript;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary>
/// The assistant without JavaScript: the form posts (the question never travels in the address), the
/// answer is a page with the conversation and the next question's form, and every failure is said in
/// plain words with the question kept.
/// </summary>
public sealed class ChatFormTests : IAsyncLifetime
{
    private const string Form = "application/x-www-form-urlencoded";

    private GeminiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await GeminiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Post_Question_AnswersAPageWithTheReplyAndTheConversationInHiddenFields()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Site:Url", "http://site.test/"));
        _standIn.Enqueue(GeminiBehavior.Reply("Walking **helps**.\n- daily\n- <b>briskly</b>"));

        var answer = await RunAsync(services, "message=Is+walking+good%3F");

        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType);
        Assert.Contains("<p>Walking <strong>helps</strong>.</p><ul><li>daily</li><li>&lt;b&gt;briskly&lt;/b&gt;</li></ul>", answer.Text);
        Assert.Contains("<input type=\"hidden\" name=\"history_user\" value=\"Is walking good?\">", answer.Text);
        Assert.Contains("name=\"history_model\" value=\"Walking **helps**.", answer.Text);
        Assert.Contains("<form class=\"chat-form\" method=\"post\">", answer.Text);
        Assert.Contains("<a href=\"http://site.test/chat.html\" aria-current=\"page\">Assistant</a>", answer.Text);
        Assert.Contains("<p><a href=\"http://site.test/chat.html\">Start a new conversation</a></p>", answer.Text);
        Assert.Equal(["Is walking good?"], Assert.Single(_standIn.Requests).Texts);
    }

    [Fact]
    public async Task Post_WithHistory_SendsTheTurnsInOrder()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);

        var answer = await RunAsync(services, "history_user=First&history_model=One&history_user=Second&history_model=Two&message=Third");

        Assert.Equal(200, answer.Status);
        var request = Assert.Single(_standIn.Requests);
        Assert.Equal(["user", "model", "user", "model", "user"], request.Roles);
        Assert.Equal(["First", "One", "Second", "Two", "Third"], request.Texts);
    }

    [Fact]
    public async Task Post_ChatNotConfigured_SaysSoPlainlyAndKeepsTheQuestion()
    {
        using var services = ChatTestServices.Create(new Dictionary<string, string?>());

        var answer = await RunAsync(services, "message=Is+walking+good%3F");

        Assert.Equal(503, answer.Status);
        Assert.Contains("The assistant is not available on this site: it has not been set up.", answer.Text);
        Assert.Contains(">Is walking good?</textarea>", answer.Text);
        Assert.DoesNotContain("try again", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_OverTheRateLimit_SaysHowLongToWaitAndEchoesNothing()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Chat:RateLimit:PermitsPerMinute", "1"));

        await RunAsync(services, "message=One");
        var refused = await RunAsync(services, "message=Two");

        Assert.Equal(429, refused.Status);
        var seconds = int.Parse(refused.RetryAfter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"You can ask again in {seconds} seconds.", refused.Text);
        // A refused request is not echoed: the page stays as small as any error (Back returns to the question).
        Assert.Contains("></textarea>", refused.Text);
        Assert.Single(_standIn.Requests);
    }

    [Fact]
    public async Task Post_EmptyQuestion_Is400WithTheMessage()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);

        var answer = await RunAsync(services, "message=+");

        Assert.Equal(400, answer.Status);
        Assert.Contains("message is required.", answer.Text);
        Assert.Empty(_standIn.Requests);
    }

    // The same cases as the browser's renderer (Functions.Tests/Site/SiteScriptsTests.cs): one set of rules.
    [Theory]
    [InlineData("Eat **more** greens", "<p>Eat <strong>more</strong> greens</p>")]
    [InlineData("Tips:\n- walk *daily*\n- **sleep** well\n\n1. one\n2. two", "<p>Tips:</p><ul><li>walk <em>daily</em></li><li><strong>sleep</strong> well</li></ul><ol><li>one</li><li>two</li></ol>")]
    [InlineData("## Heading\nline one\nline two", "<p><strong>Heading</strong></p><p>line one<br>line two</p>")]
    [InlineData("<img src=x onerror=alert(1)> **<b>x</b>**", "<p>&lt;img src=x onerror=alert(1)&gt; <strong>&lt;b&gt;x&lt;/b&gt;</strong></p>")]
    [InlineData("- [link](javascript:alert(1)) & <script>alert(2)</script>", "<ul><li>[link](javascript:alert(1)) &amp; &lt;script&gt;alert(2)&lt;/script&gt;</li></ul>")]
    public void ChatMarkdown_ModelText_BuildsOnlyTextBoldAndLists(string text, string expected) =>
        Assert.Equal(expected, ChatMarkdown.ToHtml(text));

    private static async Task<ChatHttpAnswer> RunAsync(ServiceProvider services, string body)
    {
        var function = ActivatorUtilities.CreateInstance<ChatFunction>(services);
        var context = ChatHttp.Post(services, body, "text/html", ChatHttp.ClientAddress, Form);
        return await ChatHttp.RunAsync(services, context, async () => await function.Run(context.Request, CancellationToken.None));
    }
}
