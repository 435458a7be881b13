using Microsoft.Playwright;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// axe-core on every page and every state a person reaches (forms, their errors, results, warnings,
/// suggestions, the assistant with messages and with a failure, the model cards, About, and the pages
/// the app answers without JavaScript): no violation of any impact (issue 30).
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(SiteFixture site)
{
    public static TheoryData<string> StaticPages => new(["index.html", "about.html", "chat.html", "api.html", "account.html", "history.html", "prediction.html", .. HealthOracle.Diseases.DiseaseCatalog.Keys.Select(k => $"model-{k}.html")]);

    [Theory]
    [MemberData(nameof(StaticPages))]
    public async Task Page_AsLoaded_HasNoViolations(string path)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Site, path).AbsoluteUri);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Axe.AssertNoViolationsAsync(page, path);
    }

    [Theory]
    [MemberData(nameof(PredictFormTests.Diseases), MemberType = typeof(PredictFormTests))]
    public async Task Form_EmptyThenErrorsThenResult_HasNoViolations(string disease)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, disease + ".html");
        await Axe.AssertNoViolationsAsync(page, $"{disease} form");

        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#error-summary:not([hidden])").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"{disease} form with errors");

        await page.FillFormAsync(Patients.For(disease));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        await page.Locator("#result .assistant-actions").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, $"{disease} result");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Axe.AssertNoViolationsAsync(page, $"{disease} result, printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
    }

    [Fact]
    public async Task Heart_DidYouMeanAndWhatIfMoved_HaveNoViolations()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(new Dictionary<string, string>(Patients.For("heart")) { ["chol"] = "5.2" });
        await page.ClickAsync("#predict-form button[type=submit]");
        await Assertions.Expect(page.Locator("#f-chol-error")).ToContainTextAsync("Did you mean 5.2 mmol/l?");
        await Axe.AssertNoViolationsAsync(page, "heart form with a did-you-mean hint");

        await page.FillAsync("#f-chol", "233");
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#what-if-trestbps[type=range]").WaitForAsync();
        await page.Locator("#what-if-trestbps").FillAsync("120");
        await Assertions.Expect(page.Locator("#what-if-outcome")).ToContainTextAsync("resting blood pressure at 120 mm Hg");
        await Axe.AssertNoViolationsAsync(page, "heart result with a what-if moved");
    }

    [Fact]
    public async Task Liver_WarningAndServerError_HaveNoViolations()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "liver.html");
        await page.FillFormAsync(new Dictionary<string, string>(Patients.For("liver")) { ["total_bilirubin"] = "9", ["direct_bilirubin"] = "0.2" });
        await page.Locator("#f-albumin").FocusAsync();
        await page.Locator("#f-total_bilirubin-warning:not([hidden])").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "liver form with a warning");

        await page.FillFormAsync(new Dictionary<string, string> { ["total_bilirubin"] = "1.2", ["direct_bilirubin"] = "3.5" });
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#f-direct_bilirubin-error:not([hidden])").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "liver form with the server's error");
    }

    [Fact]
    public async Task Result_WithSuggestions_HasNoViolations()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "diabetes.html");
        await page.FillFormAsync(Patients.For("diabetes"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        await page.ClickAsync("text=Get suggestions");
        await page.Locator(".suggestions li").First.WaitForAsync();

        await Axe.AssertNoViolationsAsync(page, "diabetes result with suggestions");
    }

    [Fact]
    public async Task Assistant_WithMessagesAndWithAFailure_HasNoViolations()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "chat.html");
        site.Gemini.When("How can I sleep better?", GeminiBehavior.Chunks("Here is what **helps**:\n\n", "- Walk daily\n- Sleep well\n", LongWord));
        await ChatTests.AskAsync(page, "How can I sleep better?");
        await Axe.AssertNoViolationsAsync(page, "assistant with messages");

        site.Gemini.When("And coffee?", GeminiBehavior.Status(500));
        await page.FillAsync("#chat-message", "And coffee?");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#chat-error:not([hidden])").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "assistant after a failed send");
    }

    /// <summary>A word longer than a phone is wide (an address, a drug's name), to wrap at 320 px.</summary>
    private const string LongWord = "See https://www.example.org/a-very-long-address/that-has-no-spaces-in-it/at-all/pneumonoultramicroscopicsilicovolcanoconiosis";

    [Fact]
    public async Task NoScriptPages_ResultErrorAndAssistant_HaveNoViolations()
    {
        // The site's scripts are blocked, so the forms post as they do without JavaScript and the app
        // answers its own pages; axe still runs (a context with JavaScript off could not run it).
        await using var context = await site.NewContextAsync();
        await context.RouteAsync("**/js/*.js", route => route.AbortAsync());
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Site, "heart.html").AbsoluteUri);
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator(".risk-percent").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "no-JS result page");

        await page.GotoAsync(new Uri(site.Site, "liver.html").AbsoluteUri);
        await page.FillFormAsync(new Dictionary<string, string>(Patients.For("liver")) { ["total_bilirubin"] = "1.2", ["direct_bilirubin"] = "3.5" });
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#error-summary:not([hidden])").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "no-JS error page");

        await page.GotoAsync(new Uri(site.Site, "chat.html").AbsoluteUri);
        site.Gemini.When("Is walking good?", GeminiBehavior.Reply("Walking **helps**.\n- daily\n\n" + LongWord));
        await page.FillAsync("#chat-message", "Is walking good?");
        await page.ClickAsync("#chat-form button[type=submit]");
        await page.Locator(".chat-log .message.model").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, "no-JS assistant page");
    }
}
