using HealthOracle.Diseases.Definitions;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>A keyboard user's path through a form page: skip link first, then the fields in order.</summary>
[Trait("Category", "Browser")]
public sealed class KeyboardTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Focused = "() => document.activeElement.getAttribute('name') ?? (document.activeElement.className || document.activeElement.getAttribute('href') || document.activeElement.id)";

    [Fact]
    public async Task FormPage_Tabbing_ReachesSkipLinkThenEveryFieldInSchemaOrder()
    {
        await using var context = await CheckoutSite.OpenAsync(chromium, "heart.html");
        var page = context.Pages[0];
        await page.Locator("form[data-ready='true']").WaitForAsync();

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>(Focused);
        await page.Keyboard.PressAsync("Enter");
        var afterSkip = await page.EvaluateAsync<string>("() => document.activeElement.id");
        // The model card's link in "Before you start", the page-wide unit system, then every field, each unit choice right after its value.
        var expected = Heart.Definition.Fields
            .SelectMany(f => f.AlternativeUnits.Count > 0 ? new[] { f.Name, f.Name + ".unit" } : [f.Name])
            .Prepend("unit-system")
            .Prepend("model-heart.html")
            .ToList();
        var order = new List<string>();
        while (order.Count < expected.Count)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>(Focused));
        }

        Assert.Equal("skip-link", first);
        Assert.Equal("main", afterSkip);
        Assert.Equal(expected, order);
    }
}
