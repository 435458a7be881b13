using System.Text.RegularExpressions;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>site/config.js, the one file that says where the API is, read and written as the docs say.</summary>
internal static partial class SiteConfig
{
    public static string Folder => Path.Combine(TestSupport.RepositoryPaths.Root, "site");

    /// <summary>The committed apiBase.</summary>
    public static string ApiBase => ApiBasePattern().Match(File.ReadAllText(Path.Combine(Folder, "config.js"))).Groups[1].Value;

    /// <summary>
    /// Copies the site into <paramref name="copy"/> pointed at <paramref name="api"/>: config.js
    /// rewritten, then the pages' form actions rebased with the site's own tool, as a deployment does.
    /// </summary>
    public static async Task CopyPointedAtAsync(Uri api, string copy)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = Path.Combine(copy, "config.js");
        var origin = api.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(config, ApiBasePattern().Replace(await File.ReadAllTextAsync(config), $"export const apiBase = \"{origin}\";"));
        await Node.RunAsync(copy, "tools/render-pages.mjs", "--rebase");
        await Node.RunAsync(copy, "tools/vendor.mjs", "--node-modules", Path.Combine(TestSupport.RepositoryPaths.Root, "node_modules"));
    }

    [GeneratedRegex("""export const apiBase = "([^"]*)";""")]
    private static partial Regex ApiBasePattern();
}
