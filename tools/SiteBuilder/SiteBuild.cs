using System.Text.Json;
using System.Text.RegularExpressions;
using HealthOracle.Diseases;
using HealthOracle.Functions.Site;

namespace HealthOracle.SiteBuilder;

/// <summary>
/// One build of the site. The pages come from the renderer the API answers with (so a page and its answers cannot
/// drift); site/ holds only what is not generated: stylesheets, scripts, the icon and config.js, whose
/// <c>apiBase</c> is the one place the API's address is set (the build writes it into config.js and the forms).
/// </summary>
/// <param name="Root">The repository (site/, models/, node_modules/).</param>
/// <param name="Output">The folder to write; made if missing.</param>
/// <param name="ApiBaseOverride">The API's origin, or null for config.js's.</param>
/// <param name="NodeModules">Where swagger-ui-dist is installed, or null for the repository's node_modules.</param>
internal sealed partial class SiteBuild(string Root, string Output, string? ApiBaseOverride = null, string? NodeModules = null)
{
    private static readonly string[] NotCopied = ["README.md", "package.json", "tools"];

    public string Output { get; } = Output;

    public string ApiBase { get; } = (ApiBaseOverride ?? ConfiguredApiBase(Root)).Trim().TrimEnd('/');

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
                File.WriteAllText(target, ApiBasePattern().Replace(File.ReadAllText(file), $"export const apiBase = \"{ApiBase}\";"));
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

    private static string ConfiguredApiBase(string root)
    {
        var match = ApiBasePattern().Match(File.ReadAllText(Path.Combine(root, "site", "config.js")));
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("site/config.js has no apiBase.");
    }

    [GeneratedRegex("""export const apiBase = "([^"]*)";""")]
    internal static partial Regex ApiBasePattern();
}
