using HealthOracle.Diseases;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// The same patient posted with and without JavaScript in Chromium reads the same: percentage, category, population
/// sentence, factor labels and points, what-if lines, advice, values used and disclaimer, for every disease in the
/// catalogue, and a what-if asked by slider and by the form's button. One renderer, so one text.
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WithAndWithoutJavaScriptTests(SiteFixture site)
{
    // What a person reads of a result, section by section, whitespace collapsed.
    private const string ReadResult = """
        () => {
          const text = (selector) => [...document.querySelectorAll(selector)].map(e => e.textContent.replace(/\s+/g, " ").trim());
          return [
            ...text("#result .risk-percent"), ...text("#result .badge"), ...text("#result .population"),
            ...text("#result .notice"), ...text("#result .warnings li"),
            ...text("#result .factors-lead"), ...text("#result .factor-bars li"), ...text("#result .factors-others"),
            ...text("#result .what-if-targets li"), ...text("#result .advice li"),
            ...text("#result .values-used tr"), ...text("#result .disclaimer"), ...text(".site-footer p"),
          ];
        }
        """;

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Result_WithAndWithoutJavaScript_ReadsTheSame(string disease)
    {
        await using var scripted = await site.NewContextAsync(width: 1024);
        await using var plain = await site.NewContextAsync(javaScript: false, width: 1024);
        var withScript = await scripted.NewPageAsync();
        var withoutScript = await plain.NewPageAsync();

        await withScript.OpenAsync(site.Site, disease + ".html");
        await withScript.FillFormAsync(Patients.For(disease));
        await withScript.ClickAsync("#predict-form button[type=submit]");
        await withScript.Locator("#result-heading").WaitForAsync();
        await withoutScript.GotoAsync(new Uri(site.Site, disease + ".html").AbsoluteUri);
        await withoutScript.FillFormAsync(Patients.For(disease));
        await withoutScript.ClickAsync("#predict-form button[type=submit]");
        await withoutScript.Locator("#result-heading").WaitForAsync(new() { Timeout = 60_000 });

        // Read with a script-enabled context over the same HTML: a page with JavaScript off cannot evaluate.
        var read = await ReadAsync(await withScript.ContentAsync());
        var readWithout = await ReadAsync(await withoutScript.ContentAsync());
        Assert.NotEmpty(read);
        Assert.Contains(read, t => t.Contains(HealthOracle.Functions.Predictions.Disclaimers.NotADiagnosis, StringComparison.Ordinal));
        Assert.Equal(read, readWithout);
    }

    [Fact]
    public async Task WhatIf_BySliderAndByTheFormsButton_ReadsTheSame()
    {
        await using var scripted = await site.NewContextAsync(width: 1024);
        await using var plain = await site.NewContextAsync(javaScript: false, width: 1024);
        var withScript = await scripted.NewPageAsync();
        var withoutScript = await plain.NewPageAsync();
        await withScript.OpenAsync(site.Site, "heart.html");
        await withScript.FillFormAsync(Patients.For("heart"));
        await withScript.ClickAsync("#predict-form button[type=submit]");
        await withoutScript.GotoAsync(new Uri(site.Site, "heart.html").AbsoluteUri);
        await withoutScript.FillFormAsync(Patients.For("heart"));
        await withoutScript.ClickAsync("#predict-form button[type=submit]");

        var slider = withScript.Locator("#what-if-trestbps[type=range]");
        await slider.WaitForAsync();
        await slider.FillAsync("120");
        var outcome = withScript.Locator("#what-if-outcome[data-risk]");
        await outcome.WaitForAsync();
        await withoutScript.Locator("#what-if-trestbps").FillAsync("120");
        await withoutScript.ClickAsync(".what-if-form button[type=submit]");
        var plainOutcome = withoutScript.Locator("#what-if-outcome[data-risk]");
        await plainOutcome.WaitForAsync(new() { Timeout = 60_000 });

        Assert.StartsWith("With resting blood pressure at 120 mm Hg, the estimate is ", await outcome.TextContentAsync());
        Assert.Equal(await outcome.TextContentAsync(), await plainOutcome.TextContentAsync());
        Assert.Equal(await outcome.GetAttributeAsync("data-risk"), await plainOutcome.GetAttributeAsync("data-risk"));
    }

    private async Task<string[]> ReadAsync(string html)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/*", route => route.AbortAsync());
        await page.SetContentAsync(html);
        return await page.EvaluateAsync<string[]>(ReadResult);
    }
}
