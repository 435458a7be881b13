using System.Text.Json;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// axe-core on a page as it is now, the engine @axe-core/playwright injects (root package.json, installed
/// by <c>npm ci</c> in scripts/test.sh): run in the page, a violation of any impact fails (issue 30: zero, not only zero serious).
/// The Node wrapper drives Node's Playwright; these tests drive .NET's, so they inject the same
/// axe.min.js and call <c>axe.run</c> as the wrapper does.
/// </summary>
internal static class Axe
{
    /// <summary>node_modules/axe-core/axe.min.js of this checkout (a dependency of @axe-core/playwright).</summary>
    public static string ScriptPath
    {
        get
        {
            var path = Path.Combine(TestSupport.RepositoryPaths.Root, "node_modules", "axe-core", "axe.min.js");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: run npm ci at the repository root (scripts/test.sh does).");
        }
    }

    /// <summary>Every violation, of any impact (minor and moderate too).</summary>
    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return JSON.stringify(result.violations
            .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`));
        }
        """;

    /// <summary>
    /// Fails with every violation of any impact, naming the page state (issue 30: zero, not only zero serious); then the
    /// same state at 320 px wide must not scroll sideways (WCAG 1.4.10 reflow), and the page gets its width back.
    /// </summary>
    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Length == 0, $"{state}: {string.Join(Environment.NewLine, violations)}");
        await AssertReflowsAt320Async(page, state);
    }

    /// <summary>The state at 320 px wide: the document is no wider than the viewport (tables, charts, sliders, long words).</summary>
    public static async Task AssertReflowsAt320Async(IPage page, string state)
    {
        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(320, size?.Height ?? 800);
        try
        {
            var wide = await page.EvaluateAsync<string>(Widest);
            Assert.True(wide.Length == 0, $"{state} at 320 px: {wide}");
        }
        finally
        {
            if (size is not null)
            {
                await page.SetViewportSizeAsync(size.Width, size.Height);
            }
        }
    }

    /// <summary>"" when the document fits; else its width and the elements reaching furthest right, to find what to fix.</summary>
    private const string Widest = """
        () => {
          const width = document.documentElement.scrollWidth;
          if (width <= 320) return "";
          const beyond = [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > 320.5 && getComputedStyle(e).position !== "fixed")
            .slice(-3)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""} (${Math.round(e.getBoundingClientRect().right)} px)`);
          return `${width} px wide: ${beyond.join(", ")}`;
        }
        """;

    /// <summary>The violations of any impact on the page, one line each (empty when none).</summary>
    public static async Task<string[]> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            // Evaluated by the browser's debugging protocol, not as a <script> of the page: the app's HTML answers carry
            // a Content-Security-Policy without script (issue 24, S8), which would refuse a script tag, rightly.
            await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath));
        }

        return JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(Run))!;
    }
}
