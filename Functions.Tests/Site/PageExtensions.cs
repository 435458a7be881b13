using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

internal static class PageExtensions
{
    /// <summary>Types or selects each value, as a person would.</summary>
    public static async Task FillFormAsync(this IPage page, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            var control = page.Locator($"#predict-form [name='{name}']");
            if (await control.EvaluateAsync<string>("c => c.tagName") == "SELECT")
            {
                await control.SelectOptionAsync(value);
            }
            else
            {
                await control.FillAsync(value);
            }
        }
    }

    /// <summary>Opens a page and waits until its script has enhanced it (data-ready on its form).</summary>
    public static async Task OpenAsync(this IPage page, Uri site, string path)
    {
        await page.GotoAsync(new Uri(site, path).AbsoluteUri);
        await page.Locator("form[data-ready='true']").WaitForAsync();
    }
}
