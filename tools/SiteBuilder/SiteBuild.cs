using System.Text.Json;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Site;

namespace HealthOracle.SiteBuilder;

/// <summary>
/// One build of the site. The pages come from the renderer the API answers with (so a page and its answers cannot
/// drift); site/ holds only what is not generated: stylesheets, scripts, the icon and config.js, whose
/// <c>apiBase</c> is the one place the API's address is set (the build writes it into config.js and the forms), and
/// whose <c>signInPath</c> names the route on the API's origin that signs a person in.
/// </summary>
/// <param name="Root">The repository (site/, models/, node_modules/).</param>
/// <param name="Output">The folder to write; made if missing.</param>
/// <param name="ApiBaseOverride">The API's origin, or null for config.js's.</param>
/// <param name="NodeModules">Where swagger-ui-dist is installed, or null for the repository's node_modules.</param>
/// <param name="SignInPathOverride">The sign-in route on the API's origin ("" where a deployment has none), or null for config.js's.</param>
internal sealed partial class SiteBuild(string Root, string Output, string? ApiBaseOverride = null, string? NodeModules = null, string? SignInPathOverride = null)
{
    // dist: the deployable copy azd uploads (service web), built by scripts/build-site.sh inside site/.
    private static readonly string[] NotCopied = ["README.md", "package.json", "tools", "dist"];

    public string Output { get; } = Output;

    public string ApiBase { get; } = (ApiBaseOverride ?? Configured(Root, ApiBasePattern(), "apiBase")).Trim().TrimEnd('/');

    public string SignInPath { get; } = (SignInPathOverride ?? Configured(Root, SignInPathPattern(), "signInPath")).Trim();

    /// <summary>
    /// Why this build's values cannot be written into a JavaScript string and HTML attributes, or null when they can:
    /// the API's address is "" (the site's own origin) or an origin (scheme, host, port; no path), the sign-in route ""
    /// or a path, each in the characters an origin and a path use.
    /// </summary>
    public string? Refusal() =>
        !OriginPattern().IsMatch(ApiBase) ? $"the API base must be an origin such as https://func-api-abc.azurewebsites.net (no path), not '{ApiBase}'"
        : !PathPattern().IsMatch(SignInPath) ? $"the sign-in path must be empty or a path such as /.auth/login/aad, not '{SignInPath}'"
        : null;

    private string Site => Path.Combine(Root, "site");

    /// <summary>The repository that holds this build's sources, from a folder inside it.</summary>
    public static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HealthOracle.Functions.sln")) && Directory.Exists(Path.Combine(folder.FullName, "site")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>Writes the site; answers how many files were written.</summary>
    public async Task<int> WriteAsync()
    {
        if (Refusal() is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        Directory.CreateDirectory(Output);
        var written = CopyAssets();
        var links = SiteLinks.Built(ApiBase);
        var pages = new Dictionary<string, string>
        {
            ["index.html"] = StaticPages.Index(links),
            ["chat.html"] = StaticPages.Chat(links),
            ["about.html"] = StaticPages.About(links),
            ["api.html"] = StaticPages.Api(links),
            ["account.html"] = StaticPages.Account(links),
            ["history.html"] = StaticPages.History(links),
            ["prediction.html"] = StaticPages.Prediction(links),
        };
        foreach (var disease in DiseaseCatalog.All)
        {
            pages[disease.Key + ".html"] = StaticPages.Disease(links, disease);
        }

        foreach (var (disease, card) in ModelCards.Read(Path.Combine(Root, "models")))
        {
            pages[$"model-{disease.Key}.html"] = StaticPages.ModelCard(links, disease, card.Html);
            foreach (var image in card.Images)
            {
                var target = Path.Combine(Output, "models", disease.Key, Path.GetFileName(image));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(image, target, overwrite: true);
                written++;
            }
        }

        foreach (var (name, html) in pages)
        {
            await File.WriteAllTextAsync(Path.Combine(Output, name), html);
        }

        return written + pages.Count + CopyViewer();
    }

    private int CopyAssets()
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Site, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Site, file);
            if (NotCopied.Contains(relative.Split(Path.DirectorySeparatorChar)[0]) || relative.StartsWith("vendor", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(Output, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (relative == "config.js")
            {
                var config = ApiBasePattern().Replace(File.ReadAllText(file), $"export const apiBase = \"{ApiBase}\";");
                File.WriteAllText(target, SignInPathPattern().Replace(config, $"export const signInPath = \"{SignInPath}\";"));
            }
            else
            {
                File.Copy(file, target, overwrite: true);
            }

            count++;
        }

        return count;
    }

    /// <summary>The API reference's viewer (swagger-ui-dist, pinned in package-lock.json): served by the site itself, never from a CDN.</summary>
    private int CopyViewer()
    {
        var source = Path.Combine(NodeModules ?? Path.Combine(Root, "node_modules"), "swagger-ui-dist");
        if (!Directory.Exists(source))
        {
            Console.Error.WriteLine($"warning: {source} is missing (npm ci at the repository root): api.html will say its viewer is not installed.");
            return 0;
        }

        var target = Path.Combine(Output, "vendor", "swagger-ui");
        Directory.CreateDirectory(target);
        string[] files = ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"];
        foreach (var file in files)
        {
            File.Copy(Path.Combine(source, file), Path.Combine(target, file), overwrite: true);
        }

        return files.Length;
    }

    private static string Configured(string root, Regex pattern, string name)
    {
        var match = pattern.Match(File.ReadAllText(Path.Combine(root, "site", "config.js")));
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"site/config.js has no {name}.");
    }

    [GeneratedRegex("""export const apiBase = "([^"]*)";""")]
    internal static partial Regex ApiBasePattern();

    [GeneratedRegex("""export const signInPath = "([^"]*)";""")]
    private static partial Regex SignInPathPattern();

    [GeneratedRegex("^(https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?)?$")]
    private static partial Regex OriginPattern();

    [GeneratedRegex("^(/[A-Za-z0-9._~/-]*)?$")]
    private static partial Regex PathPattern();
}
