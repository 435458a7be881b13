using System.Diagnostics;
using HealthOracle.Diseases;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// <c>scripts/smoke.sh</c>, the check any user runs against a deployment (and the postdeploy hook runs after
/// every <c>azd up</c>), run for real against the app as a deployment has it: DevHost with the repository's
/// models in Azurite, people's tables, a required gateway key and a gateway in front (a stand-in playing API
/// Management's policy), and the site built by <c>scripts/build-site.sh</c> for this API, served on its own origin.
/// One run; each test reads the line of one check, so a failure names the check.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SmokeScriptTests(SmokeScriptTests.Deployment deployment) : IClassFixture<SmokeScriptTests.Deployment>
{
    [Fact]
    public void Health_IsOk() => deployment.Smoke.AssertLine("PASS", "health is ok");

    [Fact]
    public void Predictions_EveryDiseaseOfTheCatalogue_IsFoundInTheContractAndAnswered()
    {
        var listed = deployment.Smoke.Line("the contract lists the diseases");

        Assert.StartsWith("PASS", listed);
        Assert.All(DiseaseCatalog.Keys, disease =>
        {
            Assert.Contains(disease, listed);
            deployment.Smoke.AssertLine("PASS", $"a prediction for {disease}");
        });
    }

    [Fact]
    public void ForgedClientPrincipal_IsNobody() => deployment.Smoke.AssertLine("PASS", "a forged X-MS-CLIENT-PRINCIPAL on /api/me is nobody");

    [Fact]
    public void SignIn_TheSitesRoute_IsThePlatforms() => deployment.Smoke.AssertLine("PASS", "sign-in is the platform's");

    [Fact]
    public void DirectBatch_IsRefusedWhileTheSameBatchThroughTheGatewayIsAnswered()
    {
        deployment.Smoke.AssertLine("PASS", "a batch straight to the app is refused");
        deployment.Smoke.AssertLine("PASS", "the same batch through the gateway is answered");
    }

    [Fact]
    public void CrossSiteFormPost_IsNotSaved() => deployment.Smoke.AssertLine("PASS", "a cross-site form post is not saved");

    [Fact]
    public void Site_BuiltForThisApi_AnswersAndMayCallItWithCredentials()
    {
        deployment.Smoke.AssertLine("PASS", "the site answers and its config.js points at the API");
        deployment.Smoke.AssertLine("PASS", "the API lets the site's origin call it with credentials");
    }

    [Fact]
    public void Run_Whole_ExitsZeroWithNothingSkipped()
    {
        var run = deployment.Smoke;

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("0 failed, 0 skipped", run.Output);
    }

    /// <summary>The deployment the smoke run checks, and the run itself.</summary>
    public sealed class Deployment : IAsyncLifetime
    {
        private readonly string _site = Directory.CreateTempSubdirectory("smoke-site-").FullName;
        private readonly string _gatewayKey = Guid.NewGuid().ToString();

        public AzuriteServer Storage { get; } = new(tables: true);

        public DevHostServer Host { get; private set; } = null!;

        public GatewayStandIn Gateway { get; private set; } = null!;

        public SmokeRun Smoke { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Storage.StartAsync();
            await RepositoryModels.UploadAsync(Storage.ConnectionString);
            var sitePort = FreePort.Next();
            var siteOrigin = $"http://127.0.0.1:{sitePort}";
            Host = new DevHostServer(
                new Dictionary<string, string>
                {
                    ["ModelStorage"] = Storage.ConnectionString,
                    ["PeopleStorage"] = Storage.ConnectionString,
                    ["Gateway__Key"] = _gatewayKey,
                    ["Gateway__Required"] = "true",
                },
                cors: siteOrigin,
                corsCredentials: true,
                siteDirectory: _site,
                sitePort: sitePort);
            Host.SetValue("Site__Url", siteOrigin + "/");

            var apiOrigin = Host.BaseAddress.GetLeftPart(UriPartial.Authority);
            var build = await SmokeRun.ProcessAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "build-site.sh"), _site, "--api-base", apiOrigin, "--no-build"], new Dictionary<string, string>());
            Assert.True(build.ExitCode == 0, build.Output);

            await Host.StartAsync();
            Gateway = await GatewayStandIn.StartAsync(Host.BaseAddress, _gatewayKey);
            Smoke = await SmokeRun.RunAsync(apiOrigin, siteOrigin, new Dictionary<string, string>
            {
                ["SMOKE_GATEWAY_URL"] = Gateway.Url + "/api",
                ["SMOKE_SUBSCRIPTION_KEY"] = GatewayStandIn.SubscriptionKey,
                ["SMOKE_EMULATED_SIGN_IN"] = "1",
            });
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Host.DisposeAsync();
            await Storage.DisposeAsync();
            Directory.Delete(_site, recursive: true);
        }
    }
}

/// <summary>One finished run of <c>scripts/smoke.sh</c>: its exit code and what it printed, line by line.</summary>
public sealed record SmokeRun(int ExitCode, string Output)
{
    private IEnumerable<string> Lines => Output.Split('\n', StringSplitOptions.TrimEntries);

    public static async Task<SmokeRun> RunAsync(string api, string? site, IReadOnlyDictionary<string, string> environment)
    {
        var script = Path.Combine(RepositoryPaths.Root, "scripts", "smoke.sh");
        return await ProcessAsync("bash", site is null ? [script, api] : [script, api, site], environment);
    }

    /// <summary>The line of the check whose name starts with <paramref name="check"/>.</summary>
    public string Line(string check) =>
        Lines.SingleOrDefault(line => line.Length > 5 && line[5..].StartsWith(check, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line for \"{check}\" in:{Environment.NewLine}{Output}");

    public void AssertLine(string outcome, string check)
    {
        var line = Line(check);
        Assert.True(line.StartsWith(outcome + " ", StringComparison.Ordinal), $"expected {outcome}: {line}{Environment.NewLine}{Output}");
    }

    public static async Task<SmokeRun> ProcessAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within 10 minutes");
        }

        return new SmokeRun(process.ExitCode, (await stdout + await stderr).Trim());
    }
}

/// <summary>
/// The case the gateway check exists for, end to end: App Service could not resolve the gateway key's Key Vault
/// reference and handed the app the reference's text. The app fails closed (paid calls 503, health degraded) and
/// <c>scripts/smoke.sh</c> says so and exits 1, so the postdeploy hook fails rather than report a working deployment.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SmokeScriptFailClosedTests : IAsyncLifetime
{
    private const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-abc123def456.vault.azure.net/secrets/apim-gateway-key-a/0123456789abcdef)";

    private readonly AzuriteServer _storage = new();
    private DevHostServer _host = null!;
    private SmokeRun _smoke = null!;

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        await RepositoryModels.UploadAsync(_storage.ConnectionString);
        _host = new DevHostServer(new Dictionary<string, string>
        {
            ["ModelStorage"] = _storage.ConnectionString,
            ["Gateway__Key"] = Unresolved,
            ["Gateway__PreviousKey"] = Unresolved,
            ["Gateway__Required"] = "true",
        });
        await _host.StartAsync();
        _smoke = await SmokeRun.RunAsync(_host.BaseAddress.GetLeftPart(UriPartial.Authority), site: null, new Dictionary<string, string>());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public void Smoke_UnresolvedGatewayKey_FailsOnHealthAndOnEveryPaidCall()
    {
        var health = _smoke.Line("health is ok");

        Assert.Equal(1, _smoke.ExitCode);
        Assert.StartsWith("FAIL", health);
        Assert.Contains("Gateway__Key is an unresolved Key Vault reference", health);
        Assert.DoesNotContain("kv-abc123def456", _smoke.Output);
        Assert.All(DiseaseCatalog.Keys, disease => Assert.Contains("503", _smoke.Line($"a prediction for {disease}")));
        Assert.StartsWith("FAIL", _smoke.Line("a batch straight to the app is refused"));
        Assert.Contains("GatewayNotConfigured", _smoke.Line("a batch straight to the app is refused"));
        _smoke.AssertLine("PASS", "a forged X-MS-CLIENT-PRINCIPAL on /api/me is nobody");
    }
}
