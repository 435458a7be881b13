using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>A result a person can keep: printed on one clean page, or copied as a summary for their doctor.</summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class KeepAndShareTests(SiteFixture site)
{
    [Theory]
    [MemberData(nameof(PredictFormTests.Diseases), MemberType = typeof(PredictFormTests))]
    public async Task Print_Result_IsOnePageWithTheSiteResultFactorsValuesAdviceDateModelAndDisclaimer(string disease)
    {
        await using var context = await site.NewContextAsync(width: 1280);
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, disease + ".html");
        await page.FillFormAsync(Patients.For(disease));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Screenshots.SaveAsync(page, $"{disease}-print");
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });

        Assert.Equal(1, PdfPages(pdf));
        foreach (var shown in new[] { "#result .print-header", "#result .risk-percent", "#result .factor-bars", "#result .advice", "#result .values-used", "#result .model-line", "#result .disclaimer", "h1" })
        {
            Assert.True(await page.Locator(shown).First.IsVisibleAsync(), $"{shown} is printed");
        }

        foreach (var hidden in new[] { "#predict-form", ".site-header", ".site-footer", "#result .actions", ".context", "#result .what-if" })
        {
            Assert.False(await page.Locator(hidden).First.IsVisibleAsync(), $"{hidden} is not printed");
        }

        var modelLine = await page.Locator("#result .model-line").InnerTextAsync();
        Assert.Matches(@"Estimated on \d{1,2} \w+ \d{4}", modelLine);
        Assert.Contains("version ", modelLine);
    }

    [Fact]
    public async Task CopySummary_PutsTheResultAndValuesOnTheClipboard()
    {
        await using var context = await site.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.Site.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        await page.FillFormAsync(Patients.For("heart"));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();

        await page.ClickAsync("text=Copy a summary for my doctor");
        await page.Locator(".keep-area .status").WaitForAsync();
        var summary = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        Assert.StartsWith("HealthOracle: Heart disease risk estimate, ", summary);
        Assert.Contains($"Estimated risk: {await page.Locator("#result .risk-percent").InnerTextAsync()} (", summary);
        Assert.Contains("- Resting blood pressure: 145 mm Hg", summary);
        Assert.Contains("- Thallium stress test: Fixed defect", summary);
        Assert.Contains("Model: heart-risk, version ", summary);
        Assert.Contains("not a diagnosis", summary);
    }

    /// <summary>The number of pages of a PDF: its page objects (/Type /Page, not /Pages).</summary>
    private static int PdfPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count;
}
