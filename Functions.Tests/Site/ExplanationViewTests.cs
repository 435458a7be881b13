using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The explanation under a result in Chromium against the real API: the largest factors, the what-if sliders by keyboard, and the page without JavaScript.</summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ExplanationViewTests(SiteFixture site)
{
    [Theory]
    [InlineData("heart")]
    [InlineData("liver")]
    [InlineData("kidney")]
    public async Task Result_ValidPatient_ChartListsTheApisFactorsLargestFirstUnderThePopulation(string disease)
    {
        var answer = await PredictAsync(disease);
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await ResultAsync(context, disease);

        await page.Locator(".factor-bars li").First.WaitForAsync();
        await Screenshots.SaveAsync(page, disease + "-factors");

        var shown = await page.Locator(".factor-bars li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.field)");
        var expected = answer.GetProperty("factors").EnumerateArray().Where(f => f.GetProperty("contribution").GetDouble() != 0)
            .Take(HealthOracle.Functions.Site.ExplanationView.TopFactors).Select(f => f.GetProperty("field").GetString()!).ToArray();
        Assert.Equal(expected, shown);
        var first = answer.GetProperty("factors")[0];
        var text = await page.Locator(".factor-bars li").First.InnerTextAsync();
        Assert.Contains(first.GetProperty("label").GetString()!, text);
        Assert.Contains(HealthOracle.Functions.Site.RiskText.Points(first.GetProperty("contribution").GetDouble()), text);
        Assert.Contains(answer.GetProperty("model").GetProperty("population").GetProperty("relativeTo").GetString()!, await page.Locator("#result .population").InnerTextAsync());
        Assert.Contains("not causes", await page.Locator("#result .factors-note").First.InnerTextAsync());
    }

    [Fact]
    public async Task WhatIf_BloodPressureSliderMovedByKeyboard_ShowsTheNewRiskBesideTheOld()
    {
        await using var context = await site.NewContextAsync(width: 1024);
        var page = await ResultAsync(context, "heart");
        var slider = page.Locator("#what-if-trestbps");
        await slider.WaitForAsync();

        await slider.FocusAsync();
        // From 145 down to 120 mm Hg: 25 presses of the left arrow, as a keyboard user would.
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync("ArrowLeft");
        }

        var expected = await WhatIfAsync("heart", "trestbps", 120);
        var outcome = page.Locator(".what-if-outcome");
        // Each press may ask; the answer for the last value is the one that stays.
        await Assertions.Expect(outcome).ToHaveAttributeAsync("data-risk", expected.GetProperty("after").GetProperty("riskPercentage").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "heart-what-if");
        Assert.Equal("120", await slider.InputValueAsync());
        var text = await outcome.InnerTextAsync();
        // Whole percentages, as every risk on the site (one renderer: Functions/Site/RiskText.cs).
        var before = expected.GetProperty("before");
        Assert.Contains($"instead of {HealthOracle.Functions.Site.RiskText.Percent(before.GetProperty("riskPercentage").GetDouble(), Enum.Parse<HealthOracle.Diseases.RiskCategory>(before.GetProperty("category").GetString()!))}", text);
        Assert.Equal("120 mm Hg", await slider.GetAttributeAsync("aria-valuetext"));
        Assert.Equal("status", await outcome.GetAttributeAsync("role"));
    }

    [Fact]
    public async Task WhatIf_SmokingChosenInItsSelect_ChangesTheShownRisk()
    {
        await using var context = await site.NewContextAsync();
        var page = await ResultAsync(context, "lung");
        var smoking = page.Locator("#what-if-smoking_status");
        await smoking.WaitForAsync();

        await smoking.SelectOptionAsync("0");

        var expected = await WhatIfAsync("lung", "smoking_status", 0);
        await Assertions.Expect(page.Locator(".what-if-outcome")).ToHaveAttributeAsync("data-risk", expected.GetProperty("after").GetProperty("riskPercentage").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(expected.GetProperty("difference").GetDouble() < 0);
    }

    [Fact]
    public async Task Result_WithoutJavaScript_PageListsTopFactorsAndWhatIfAsText()
    {
        await using var context = await site.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Site, "heart.html").AbsoluteUri);
        await page.FillFormAsync(Patients.For("heart"));

        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("h3:has-text('What moved the estimate')").WaitForAsync(new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(page, "heart-no-javascript-factors");

        var answer = await PredictAsync("heart");
        var items = await page.Locator("ol.factor-bars li").AllInnerTextsAsync();
        var top = answer.GetProperty("factors").EnumerateArray().Where(f => f.GetProperty("contribution").GetDouble() != 0).Take(5).Select(f => f.GetProperty("label").GetString()!).ToArray();
        Assert.Equal(top.Length, items.Count);
        Assert.All(top.Zip(items), pair => Assert.StartsWith(pair.First, pair.Second));
        Assert.Contains("Resting blood pressure 145 mm Hg → 120 mm Hg", await page.Locator("ul.what-if-targets").InnerTextAsync());
    }

    private async Task<IPage> ResultAsync(IBrowserContext context, string disease)
    {
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, disease + ".html");
        await page.FillFormAsync(Patients.For(disease));
        await page.ClickAsync("#predict-form button[type=submit]");
        await page.Locator("#result-heading").WaitForAsync();
        return page;
    }

    private async Task<JsonElement> PredictAsync(string disease)
    {
        using var http = new HttpClient { BaseAddress = site.Api };
        var response = await http.PostAsJsonAsync($"api/predict/{disease}", Body(disease));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> WhatIfAsync(string disease, string field, double value)
    {
        using var http = new HttpClient { BaseAddress = site.Api };
        var response = await http.PostAsJsonAsync($"api/predict/{disease}/what-if", new { patient = Body(disease), changes = new Dictionary<string, double> { [field] = value } });
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static Dictionary<string, double> Body(string disease) =>
        Patients.For(disease).ToDictionary(p => p.Key, p => double.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
}
