using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// api.html: the API's own /api/openapi.json rendered by Swagger UI served from the site (site/vendor/, copied
/// from npm), in Chromium: the heart prediction operation with its patient schema, and no request to another origin
/// than the site's and the API's.
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ApiReferenceTests(SiteFixture site)
{
    [Fact]
    public async Task Reference_RendersTheServedDocument_FromTheSiteItself()
    {
        await using var context = await site.NewContextAsync(width: 1280);
        var page = await context.NewPageAsync();
        var origins = new List<string>();
        page.Request += (_, request) => origins.Add(new Uri(request.Url).GetLeftPart(UriPartial.Authority));

        await page.GotoAsync(new Uri(site.Site, "api.html").AbsoluteUri);
        var heart = page.Locator("#operations-Predictions-predictHeart");
        await heart.WaitForAsync();

        Assert.Contains("/predict/heart", await heart.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("estimate the risk", await heart.InnerTextAsync(), StringComparison.Ordinal);
        await heart.Locator(".opblock-summary").First.ClickAsync();
        await heart.Locator("text=oldpeak").First.WaitForAsync();
        Assert.Equal(new Uri(site.Api, "api/openapi.json").AbsoluteUri, await page.Locator("#api-document").GetAttributeAsync("href"));
        Assert.Empty(await page.Locator("#api-reference-status").InnerTextAsync());

        var allowed = new[] { site.Site.GetLeftPart(UriPartial.Authority), site.Api.GetLeftPart(UriPartial.Authority) };
        Assert.All(origins.Where(o => o.StartsWith("http", StringComparison.Ordinal)), o => Assert.Contains(o, allowed));
    }
}
