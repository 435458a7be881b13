using System.Text.Json;
using Microsoft.Playwright;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>
/// axe-core on a page as it is now, the engine @axe-core/playwright injects (root package.json, installed
/// by <c>npm ci</c> in scripts/test.sh): run in the page, violations of serious or critical impact fail.
/// The Node wrapper drives Node's Playwright; these tests drive .NET's, so they inject the same
/// axe.min.js and call <c>axe.run</c> as the wrapper does.
/// </summary>
internal static class Axe
{
    private const string Run = """
        async () => {
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return JSON.stringify(result.violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`));
        }
        """;

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
    private const string RunAll = """
        async () => {
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return JSON.stringify(result.violations
            .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`));
        }
        """;

    /// <summary>The serious and critical violations on the page, one line each (empty when none).</summary>
    public static async Task<string[]> ViolationsAsync(IPage page) => await RunAsync(page, Run);

    /// <summary>Fails with every violation of any impact, naming the page state (issue 30: zero, not only zero serious).</summary>
    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        var violations = await RunAsync(page, RunAll);
        Assert.True(violations.Length == 0, $"{state}: {string.Join(Environment.NewLine, violations)}");
    }

    private static async Task<string[]> RunAsync(IPage page, string run)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            // Evaluated by the browser's debugging protocol, not as a <script> of the page: the app's HTML answers carry
            // a Content-Security-Policy without script (issue 24, S8), which would refuse a script tag, rightly.
            await page.EvaluateAsync(await File.ReadAllTextAsync(ScriptPath));
        }

        return JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(run))!;
    }

    /// <summary>Fails with every serious or critical violation, naming the page state.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string state)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Length == 0, $"{state}: {string.Join(Environment.NewLine, violations)}");
    }
}
