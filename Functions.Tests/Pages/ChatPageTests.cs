using HealthOracle.Functions.Pages;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.Tests.Chat;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Pages;

/// <summary>
/// The assistant's page route (<c>/api/pages/chat</c>): the form posts (the question never travels in the address),
/// the answer is a page with the conversation and the next question's form, a failure is said in plain words with
/// the question kept, and a refusal never echoes the posted conversation (S3: the answer stays small).
/// </summary>
public sealed class ChatPageTests : IAsyncLifetime
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
        Assert.Contains("<form id=\"chat-form\" class=\"chat-form\" method=\"post\" data-enhance=\"chat\" action=\"/api/pages/chat\" data-api-path=\"/api/pages/chat\">", answer.Text);
        Assert.Contains("<a href=\"http://site.test/chat.html\" aria-current=\"page\">Assistant</a>", answer.Text);
        Assert.Contains("href=\"http://site.test/chat.html\">Start a new conversation</a>", answer.Text);
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
        Assert.Contains(AssistantView.NotConfigured, answer.Text);
        Assert.Contains(">Is walking good?</textarea>", answer.Text);
        Assert.DoesNotContain("try again", answer.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_OverTheRateLimit_SaysHowLongToWaitKeepsTheQuestion_AndEchoesNoConversation()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Chat:RateLimit:PermitsPerMinute", "1"));
        var history = string.Concat(Enumerable.Range(0, 10).Select(i => $"history_user={new string('q', 700)}&history_model={new string('a', 800)}&"));

        await RunAsync(services, "message=One");
        var refused = await RunAsync(services, history + "message=Two");

        Assert.Equal(429, refused.Status);
        var seconds = int.Parse(refused.RetryAfter, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"You can ask again in {seconds} seconds.", refused.Text);
        Assert.Contains($"data-retry-after=\"{seconds}\"", refused.Text);
        Assert.Contains(">Two</textarea>", refused.Text);
        Assert.Contains("Back button returns to the conversation", refused.Text);
        Assert.DoesNotContain(new string('a', 800), refused.Text);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(refused.Text) <= 16 * 1024, $"{refused.Text.Length} characters");
        Assert.Single(_standIn.Requests);
    }

    [Fact]
    public async Task Post_OversizedQuestionAndHistory_IsRefusedWithinTheCap()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var body = string.Concat(Enumerable.Range(0, 40).Select(_ => $"history_user={new string('<', 800)}&history_model={new string('&', 700)}&")) + "message=" + new string('"', 2001);

        var refused = await RunAsync(services, body);

        Assert.Equal(400, refused.Status);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(refused.Text) <= 16 * 1024, $"{refused.Text.Length} characters");
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task Post_EmptyQuestion_Is400WithTheMessage()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);

        var answer = await RunAsync(services, "message=+");

        Assert.Equal(400, answer.Status);
        Assert.Contains("Message is required.", answer.Text);
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task Post_AResultWithoutAQuestion_StartsTheConversationAboutItAndCarriesItOn()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        var prediction = """{"disease":"heart","probability":0.46,"riskPercentage":46.2,"category":"Moderate","inputs":{"age":63},"model":{"name":"heart-risk","version":"1"}}""";

        var answer = await RunAsync(services, "prediction=" + Uri.EscapeDataString(prediction));

        Assert.Equal(200, answer.Status);
        Assert.Contains("The assistant can see your Heart result: 46%, Moderate risk, and the values you entered.", answer.Text);
        Assert.Contains("<input type=\"hidden\" name=\"prediction\" value=\"{&quot;disease&quot;:&quot;heart&quot;", answer.Text);
        Assert.Empty(_standIn.Requests);
    }

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
        var function = ActivatorUtilities.CreateInstance<ChatPageFunction>(services);
        var context = ChatHttp.Post(services, body, "text/html", ChatHttp.ClientAddress, Form);
        return await ChatHttp.RunAsync(services, context, async () => await function.Run(context.Request, CancellationToken.None));
    }
}
