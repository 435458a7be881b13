using System.Collections.Concurrent;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>The four forms in Chromium against the real API: results, client checks, server errors, no JavaScript.</summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PredictFormTests(SiteFixture site)
{
    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Fact]
    public async Task Home_ListsTheFourTests_WithDisclaimer()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Site, "index.html").AbsoluteUri);
        await Screenshots.SaveAsync(page, "index");

        var links = await page.Locator(".card h2 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(DiseaseCatalog.Keys.Select(key => key + ".html"), links);
        Assert.Contains("not a diagnosis", await page.Locator("main .disclaimer").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Form_ValidPatient_ShowsCategory(string disease)
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, disease + ".html");
        await Screenshots.SaveAsync(page, disease);

        await page.FillFormAsync(Patients.For(disease));
        await page.ClickAsync("#predict-form button[type=submit]");
        var heading = page.Locator("#result-heading");
        await heading.WaitForAsync();
        await Screenshots.SaveAsync(page, disease + "-result");

        var category = await page.Locator("#result .badge").InnerTextAsync();
        Assert.Contains(category, new[] { "Low", "Moderate", "High" });
        Assert.Equal($"Result: {category} risk", await heading.InnerTextAsync());
        Assert.Contains($"risk-{category.ToLowerInvariant()}", await page.Locator("#result").GetAttributeAsync("class"));
        Assert.True(await heading.EvaluateAsync<bool>("h => document.activeElement === h"));
        Assert.Matches(@"^(\d{1,2}%|less than 1%|more than 99%|just under 30%|just over 60%)$", await page.Locator("#result .risk-percent").InnerTextAsync());
        Assert.Equal(DiseaseCatalog.Get(disease).Notice is not null, await page.Locator("#result .notice").CountAsync() == 1);
    }

    [Fact]
    public async Task Form_InvalidValues_TheServersMessagesBesideTheFieldsAndInAFocusedSummary()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "heart.html");
        var patient = new Dictionary<string, string>(Patients.For("heart")) { ["age"] = "150" };
        patient.Remove("thal");

        await page.FillFormAsync(patient);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#predict-form button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/predict/heart", StringComparison.Ordinal));
        await page.Locator("#f-age-error").WaitForAsync();
        await Screenshots.SaveAsync(page, "heart-invalid");

        Assert.Equal(400, response.Status);
        Assert.Equal("Error: Age must be a whole number from 18 to 120 years.", await page.Locator("#f-age-error").TextContentAsync());
        Assert.Equal("Error: Thallium stress test is required.", await page.Locator("#f-thal-error").TextContentAsync());
        Assert.Equal("true", await page.Locator("#f-age").GetAttributeAsync("aria-invalid"));
        Assert.Equal("150", await page.Locator("#f-age").InputValueAsync());
        Assert.True(await page.Locator("#error-summary").EvaluateAsync<bool>("s => document.activeElement === s"));
        Assert.Equal(0, await page.Locator("#result").CountAsync());
    }

    [Fact]
    public async Task Form_ServerRefusesAValue_ShowsItsMessageBesideTheField()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenAsync(site.Site, "liver.html");
        // Each value is in range, so the page lets it through; the server's cross-field rule refuses it.
        var patient = new Dictionary<string, string>(Patients.For("liver")) { ["total_bilirubin"] = "1.2", ["direct_bilirubin"] = "3.5" };

        await page.FillFormAsync(patient);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#predict-form button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/pages/predict/liver", StringComparison.Ordinal));
        var error = page.Locator("#f-direct_bilirubin-error");
        await error.WaitForAsync();
        await Screenshots.SaveAsync(page, "liver-server-error");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        var message = await error.TextContentAsync();
        Assert.StartsWith("Error: Direct bilirubin ", message);
        Assert.Contains("total bilirubin", message);
        Assert.DoesNotContain("total_bilirubin", message);
        Assert.Equal("true", await page.Locator("#f-direct_bilirubin").GetAttributeAsync("aria-invalid"));
        Assert.Equal(0, await page.Locator("#result").CountAsync());
    }

    [Fact]
    public async Task Form_WithoutJavaScript_PostsAndShowsTheServersHtmlResult()
    {
        await using var context = await site.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Site, "heart.html").AbsoluteUri);

        await page.FillFormAsync(Patients.For("heart"));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("#predict-form button[type=submit]"),
            r => r.Request.Method == "POST");
        // The result page replaces the form: wait for its content rather than for the load event, which
        // a busy machine can deliver after the navigation has already been observed.
        await page.Locator(".risk-percent").WaitForAsync(new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(page, "heart-no-javascript-result");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/x-www-form-urlencoded", response.Request.Headers["content-type"]);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        Assert.Matches("Low|Moderate|High", await page.Locator("body").InnerTextAsync());
        // In the site's frame, the form with the values as typed above the result, the headings in order.
        Assert.Equal("145", await page.Locator("#f-trestbps").InputValueAsync());
        Assert.Equal(1, await page.Locator(".site-header nav").CountAsync());
        Assert.Equal(["H1", "H2", "H2", "H2"], (await page.Locator("main h1, main h2, main h3").EvaluateAllAsync<string[]>("hs => hs.map(h => h.tagName)")).Take(4));
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.True(await page.Locator("body").EvaluateAsync<bool>("b => getComputedStyle(b).margin === '0px' && getComputedStyle(document.querySelector('.site-header')).backgroundColor !== 'rgba(0, 0, 0, 0)'"));
    }

    [Fact]
    public async Task Spacing_MainHeading_DoesNotTouchTheHeaderBar()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "index.html", "heart.html", "chat.html", "about.html" })
        {
            await page.GotoAsync(new Uri(site.Site, path).AbsoluteUri);

            var gap = await page.EvaluateAsync<double>("() => document.querySelector('main h1').getBoundingClientRect().top - document.querySelector('.site-header').getBoundingClientRect().bottom");
            Assert.True(gap >= 24, $"{path}: the heading is {gap} px below the header");
        }
    }

    [Fact]
    public async Task Pages_AskForTheSitesOwnIcon_AndItIsServed()
    {
        await using var context = await site.NewContextAsync();
        var page = await context.NewPageAsync();
        var missing = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Status == 404)
            {
                missing.Enqueue(response.Url);
            }
        };

        await page.GotoAsync(new Uri(site.Site, "index.html").AbsoluteUri);
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        using var client = new HttpClient();
        var served = await client.GetAsync(new Uri(site.Site, icon));

        Assert.Equal("favicon.svg", icon);
        Assert.True(served.IsSuccessStatusCode);
        Assert.Empty(missing);
    }
}
