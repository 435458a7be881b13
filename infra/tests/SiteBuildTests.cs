using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// scripts/build-site.sh, as azd's prepackage hook runs it for the web service: the deployment's outputs in the
/// environment (SERVICE_API_URI, SIGN_IN_PATH) become config.js and the forms' actions of the pages tools/SiteBuilder
/// renders from the definitions, the API viewer comes from node_modules, and nothing under site/ changes. Run for
/// real (bash, the SiteBuilder built beside these tests) into a temporary folder.
/// </summary>
public sealed partial class SiteBuildTests : IDisposable
{
    private const string Api = "https://func-api-abc123.azurewebsites.net";

    private readonly DirectoryInfo _out = Directory.CreateTempSubdirectory("site-build-");

    private string Site => Path.Combine(InfraPaths.Root, "site");

    [Fact]
    public async Task Build_FromTheDeploymentsOutputs_WritesConfigAndPointsEveryFormAtTheApi()
    {
        var configBefore = await File.ReadAllTextAsync(Path.Combine(Site, "config.js"));

        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = Api + "/", ["SIGN_IN_PATH"] = "/.auth/login/aad" });

        var config = await File.ReadAllTextAsync(Path.Combine(_out.FullName, "config.js"));
        var actions = Directory.EnumerateFiles(_out.FullName, "*.html")
            .SelectMany(page => FormAction().Matches(File.ReadAllText(page)).Select(m => (Action: m.Groups[1].Value, Path: m.Groups[2].Value)))
            .ToList();
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"export const apiBase = \"{Api}\";", config);
        Assert.Contains("export const signInPath = \"/.auth/login/aad\";", config);
        Assert.NotEmpty(actions);
        Assert.All(actions, form => Assert.Equal(Api + form.Path, form.Action));
        Assert.Equal(configBefore, await File.ReadAllTextAsync(Path.Combine(Site, "config.js")));
    }

    [Fact]
    public async Task Build_Output_IsTheSiteWithItsViewerAndWithoutItsTools()
    {
        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = Api, ["SIGN_IN_PATH"] = "" });

        var files = Directory.EnumerateFiles(_out.FullName, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_out.FullName, f).Replace('\\', '/')).ToList();
        var swa = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_out.FullName, "staticwebapp.config.json")))!;
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("index.html", files);
        Assert.All(DiseasePages(), page => Assert.Contains(page, files));
        Assert.Contains("vendor/swagger-ui/swagger-ui-bundle.js", files);
        Assert.Contains("vendor/swagger-ui/LICENSE", files);
        Assert.DoesNotContain(files, f => f.StartsWith("tools/", StringComparison.Ordinal) || f is "README.md" or "package.json");
        Assert.Contains("export const signInPath = \"\";", await File.ReadAllTextAsync(Path.Combine(_out.FullName, "config.js")));
        Assert.Equal("nosniff", swa["globalHeaders"]!["X-Content-Type-Options"]!.GetValue<string>());
    }

    [Fact]
    public async Task Build_ArgumentsOverTheEnvironment_AreUsed()
    {
        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = "https://elsewhere.example" }, "--api-base", "http://127.0.0.1:7081", "--sign-in-path", "/.auth/login/aad");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("export const apiBase = \"http://127.0.0.1:7081\";", await File.ReadAllTextAsync(Path.Combine(_out.FullName, "config.js")));
    }

    [Fact]
    public async Task Build_ApiOnACustomDomain_SiteApiBaseWinsOverTheAppsOwnHost()
    {
        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = Api, ["SITE_API_BASE"] = "https://api.example.org" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("export const apiBase = \"https://api.example.org\";", await File.ReadAllTextAsync(Path.Combine(_out.FullName, "config.js")));
    }

    [Theory]
    [InlineData("", "no API origin")]
    [InlineData("https://func.example/api", "must be an origin")]
    [InlineData("https://func.example\";alert(1);//", "must be an origin")]
    public async Task Build_NoOrNoOriginApiBase_IsRefusedAndWritesNothing(string apiBase, string message)
    {
        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = apiBase });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Output);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData("/.auth/login/aad\";alert(1);//")]
    [InlineData(".auth/login/aad")]
    public async Task Build_SignInPathNotAPath_IsRefusedByTheBuilder(string signInPath)
    {
        var result = await BuildAsync(new() { ["SERVICE_API_URI"] = Api, ["SIGN_IN_PATH"] = signInPath });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("build-site: the sign-in path must be empty or a path", result.Output);
        Assert.Empty(_out.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task Build_RefusedAfterAGoodOne_LeavesTheGoodOneWhole()
    {
        var good = await BuildAsync(new() { ["SERVICE_API_URI"] = Api });
        var before = Directory.EnumerateFiles(_out.FullName, "*", SearchOption.AllDirectories).Order().ToList();

        var refused = await BuildAsync(new() { ["SERVICE_API_URI"] = "https://func.example/api" });

        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(before, Directory.EnumerateFiles(_out.FullName, "*", SearchOption.AllDirectories).Order());
        Assert.Contains($"export const apiBase = \"{Api}\";", await File.ReadAllTextAsync(Path.Combine(_out.FullName, "config.js")));
    }

    /// <summary>
    /// azd builds into site/dist (the web service's dist), at every deploy: the last build, lying inside site/, is never
    /// copied into the next. A developer's own site/dist is set aside for the test and put back.
    /// </summary>
    [Fact]
    public async Task Build_IntoSiteDistTwice_NeverCopiesTheEarlierBuildIntoTheNext()
    {
        var dist = Path.Combine(Site, "dist");
        var setAside = Path.Combine(_out.FullName, "developers-dist");
        if (Directory.Exists(dist))
        {
            Directory.Move(dist, setAside);
        }

        try
        {
            var first = await ProcessRunner.RunAsync("bash", [InfraPaths.BuildSite, "dist", "--no-build"], Site, new Dictionary<string, string> { ["SERVICE_API_URI"] = Api });
            var second = await ProcessRunner.RunAsync("bash", [InfraPaths.BuildSite, "dist", "--no-build"], Site, new Dictionary<string, string> { ["SERVICE_API_URI"] = Api });

            var files = Directory.EnumerateFiles(dist, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dist, f).Replace('\\', '/')).ToList();
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("index.html", files);
            Assert.DoesNotContain(files, f => f.StartsWith("dist/", StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dist))
            {
                Directory.Delete(dist, recursive: true);
            }

            if (Directory.Exists(setAside))
            {
                Directory.Move(setAside, dist);
            }
        }
    }

    public void Dispose() => _out.Delete(recursive: true);

    /// <summary>A page per disease definition, as the site's builder renders them (the definitions are not referenced here: the models' folders name them).</summary>
    private static IEnumerable<string> DiseasePages() =>
        Directory.EnumerateDirectories(Path.Combine(InfraPaths.Root, "models")).Select(folder => Path.GetFileName(folder) + ".html");

    private Task<ProcessResult> BuildAsync(Dictionary<string, string> environment, params string[] arguments) =>
        ProcessRunner.RunAsync("bash", [InfraPaths.BuildSite, _out.FullName, "--no-build", .. arguments], Site, environment);

    [GeneratedRegex("<form [^>]*?action=\"([^\"]*)\"[^>]*? data-api-path=\"([^\"]*)\"")]
    private static partial Regex FormAction();
}
