using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// scripts/build-site.sh, as azd's prepackage hook runs it for the web service: the deployment's outputs in the
/// environment (SERVICE_API_URI, SIGN_IN_PATH) become config.js and the forms' actions, the API viewer comes from
/// node_modules, and nothing under site/ changes. Run for real (bash, node) into a temporary folder.
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

    public void Dispose() => _out.Delete(recursive: true);

    private Task<ProcessResult> BuildAsync(Dictionary<string, string> environment, params string[] arguments) =>
        ProcessRunner.RunAsync("bash", [InfraPaths.BuildSite, _out.FullName, .. arguments], Site, environment);

    [GeneratedRegex("<form [^>]*?action=\"([^\"]*)\"[^>]*? data-api-path=\"([^\"]*)\"")]
    private static partial Regex FormAction();
}
