using System.Globalization;
using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The posix postdeploy hook, run for real by sh with the real curl, against a real HTTP server standing in
/// for both the deployed app and Azure Resource Manager, a stand-in `azd` first on PATH that hands out
/// a token and records `azd env set`, and a stand-in smoke script that records how it was called.
/// </summary>
public sealed class PostDeployHookTests : IDisposable
{
    private const string Token = "token-from-azd";
    private const string ApiPath = "/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.ApiManagement/service/apim-test/apis/healthoracle?api-version=2024-05-01";

    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("postdeploy-");

    private const string Healthy = """{"status":"ok","models":{},"chat":{"configured":false},"problems":[]}""";
    private const string GatewayNotReadable = """{"status":"degraded","models":{},"chat":{"configured":false},"problems":["gateway: required but not configured: Gateway__Key is an unresolved Key Vault reference; paid calls are answered 503 until it is fixed"]}""";
    private const string RestartPath = "/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.Web/sites/func-test/restart?api-version=2024-11-01";

    private string AzdCalls => Path.Combine(_workspace.FullName, "azd-calls.txt");

    private string SmokeCalls => Path.Combine(_workspace.FullName, "smoke-calls.txt");

    public PostDeployHookTests()
    {
        var bin = _workspace.CreateSubdirectory("bin").FullName;
        var fake = Path.Combine(bin, "azd");
        File.WriteAllText(fake, $$"""
            #!/bin/sh
            echo "$@" >> "$TEST_AZD_CALLS"
            if [ "$1" = "auth" ]; then printf '{"token": "{{Token}}", "expiresOn": "2030-01-01T00:00:00Z"}\n'; fi
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_workspace.FullName, "smoke.sh"), """
            echo "$* gateway=${SMOKE_GATEWAY_URL:-}" >> "$TEST_SMOKE_CALLS"
            exit "${TEST_SMOKE_EXIT:-0}"
            """.ReplaceLineEndings("\n") + "\n");
    }

    [Fact]
    public async Task Run_AppColdThenImportAccepted_WaitsImportsFromTheLiveDocumentAndRecordsIt()
    {
        var documentCalls = 0;
        var polls = 0;
        var operation = new Dictionary<string, string>();
        await using var server = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("GET", "/api/openapi.json") => new StandInAnswer(Interlocked.Increment(ref documentCalls) <= 2 ? 503 : 200, "{}"),
            ("GET", "/api/health") => new StandInAnswer(200, Healthy),
            ("PUT", ApiPath) => new StandInAnswer(202, Headers: operation),
            ("GET", "/operations/import-1") => Interlocked.Increment(ref polls) == 1 ? new StandInAnswer(202, Headers: operation) : new StandInAnswer(200, "{}"),
            _ => new StandInAnswer(404),
        });
        operation["Location"] = server.BaseUrl + "/operations/import-1";

        var result = await RunHookAsync(server);

        var put = server.Requests.Single(r => r.Method == "PUT");
        var properties = JsonNode.Parse(put.Body)!["properties"]!;
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(3, server.Requests.Count(r => r.PathAndQuery == "/api/openapi.json"));
        Assert.Equal("openapi+json-link", properties["format"]!.GetValue<string>());
        Assert.Equal(server.BaseUrl + "/api/openapi.json", properties["value"]!.GetValue<string>());
        Assert.Equal("api", properties["path"]!.GetValue<string>());
        Assert.Equal(server.BaseUrl + "/api", properties["serviceUrl"]!.GetValue<string>());
        Assert.True(properties["subscriptionRequired"]!.GetValue<bool>());
        Assert.All(server.Requests.Where(r => !r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal)), r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.Equal(2, server.Requests.Count(r => r.PathAndQuery == "/operations/import-1"));
        Assert.Contains("env set APIM_IMPORT_FROM_APP true", File.ReadAllLines(AzdCalls));
        Assert.Contains(File.ReadAllLines(AzdCalls), call => call.StartsWith("auth token", StringComparison.Ordinal) && call.Contains("--scope https://management.azure.com/.default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_EmptyApiPath_ImportsAtTheRootWithTheAppRootAsBackend()
    {
        await using var server = new StandInServer(request => request.Method == "PUT" ? new StandInAnswer(201, "{}") : new StandInAnswer(200, request.PathAndQuery == "/api/health" ? Healthy : "{}"));

        var result = await RunHookAsync(server, apiPath: "");

        var properties = JsonNode.Parse(server.Requests.Single(r => r.Method == "PUT").Body)!["properties"]!;
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("", properties["path"]!.GetValue<string>());
        Assert.Equal(server.BaseUrl, properties["serviceUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ResourceManagerRefuses_FailsWithoutRecordingTheImport()
    {
        await using var server = new StandInServer(request => request.Method == "PUT"
            ? new StandInAnswer(400, """{"error":{"code":"ValidationError","message":"bad document"}}""")
            : new StandInAnswer(200, "{}"));

        var result = await RunHookAsync(server);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("HTTP 400", result.Output);
        Assert.Contains("bad document", result.Output);
        Assert.DoesNotContain(File.ReadAllLines(AzdCalls), call => call.StartsWith("env set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_DocumentNeverServed_FailsBeforeCallingResourceManager()
    {
        await using var server = new StandInServer(_ => new StandInAnswer(404));

        var result = await RunHookAsync(server, attempts: 2);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("did not answer 200 after 2 attempts", result.Output);
        Assert.All(server.Requests, r => Assert.Equal("/api/openapi.json", r.PathAndQuery));
        Assert.False(File.Exists(AzdCalls));
    }

    [Fact]
    public async Task Run_NoApiManagement_ImportsNothingButChecksTheAppAndRunsTheSmokeTest()
    {
        await using var server = new StandInServer(request => new StandInAnswer(200, request.PathAndQuery == "/api/health" ? Healthy : "{}"));

        var result = await RunHookAsync(server, apimName: "");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("nothing to import", result.Output);
        Assert.Equal(["/api/openapi.json", "/api/health"], server.Requests.Select(r => r.PathAndQuery));
        Assert.False(File.Exists(AzdCalls));
        Assert.Equal([$"{server.BaseUrl} gateway="], File.ReadAllLines(SmokeCalls));
    }

    [Fact]
    public async Task Run_Healthy_RunsTheSmokeTestAgainstTheApiTheSiteAndTheGateway()
    {
        await using var server = new StandInServer(request => request.Method == "PUT" ? new StandInAnswer(201, "{}") : new StandInAnswer(200, request.PathAndQuery == "/api/health" ? Healthy : "{}"));

        var result = await RunHookAsync(server, site: "https://stapp-test.azurestaticapps.net");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal([$"{server.BaseUrl} https://stapp-test.azurestaticapps.net gateway=https://apim-test.azure-api.net/api"], File.ReadAllLines(SmokeCalls));
    }

    [Fact]
    public async Task Run_SmokeTestFails_FailsTheHook()
    {
        await using var server = new StandInServer(request => request.Method == "PUT" ? new StandInAnswer(201, "{}") : new StandInAnswer(200, request.PathAndQuery == "/api/health" ? Healthy : "{}"));

        var result = await RunHookAsync(server, smokeExit: 1);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Single(File.ReadAllLines(SmokeCalls));
    }

    [Fact]
    public async Task Run_GatewayKeyNotReadableYet_RestartsTheAppUntilItIsHealthyThenRunsTheSmokeTest()
    {
        // A first azd up: the app's role on the key's secret is minutes old, its Key Vault reference has not resolved.
        var healthCalls = 0;
        await using var server = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("PUT", _) => new StandInAnswer(201, "{}"),
            ("GET", "/api/health") => new StandInAnswer(200, Interlocked.Increment(ref healthCalls) <= 5 ? GatewayNotReadable : Healthy),
            ("POST", RestartPath) => new StandInAnswer(200),
            _ => new StandInAnswer(200, "{}"),
        });

        var result = await RunHookAsync(server, healthAttempts: 10);

        var restarts = server.Requests.Where(r => r.Method == "POST" && r.PathAndQuery == RestartPath).ToList();
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(6, healthCalls);
        Assert.Equal(2, restarts.Count);
        Assert.All(restarts, r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.Single(File.ReadAllLines(SmokeCalls));
    }

    [Fact]
    public async Task Run_GatewayKeyNeverReadable_FailsAfterTheLastAttemptWithoutTheSmokeTest()
    {
        await using var server = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("PUT", _) => new StandInAnswer(201, "{}"),
            ("GET", "/api/health") => new StandInAnswer(200, GatewayNotReadable),
            _ => new StandInAnswer(200, "{}"),
        });

        var result = await RunHookAsync(server, healthAttempts: 3);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("did not report itself healthy after 3 attempts", result.Output);
        Assert.False(File.Exists(SmokeCalls));
    }

    [Fact]
    public async Task Run_AppDegradedForAnotherReason_FailsAtOnceWithTheProblem()
    {
        const string Refused = """{"status":"degraded","problems":["heart: version 9 refused: hash mismatch"]}""";
        await using var server = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("PUT", _) => new StandInAnswer(201, "{}"),
            ("GET", "/api/health") => new StandInAnswer(200, Refused),
            _ => new StandInAnswer(200, "{}"),
        });

        var result = await RunHookAsync(server, healthAttempts: 10);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("hash mismatch", result.Output);
        Assert.Single(server.Requests, r => r.PathAndQuery == "/api/health");
        Assert.DoesNotContain(server.Requests, r => r.PathAndQuery.Contains("/restart", StringComparison.Ordinal));
    }

    public void Dispose() => _workspace.Delete(recursive: true);

    private Task<ProcessResult> RunHookAsync(StandInServer server, string apimName = "apim-test", string apiPath = "api", int attempts = 5, int healthAttempts = 3, string site = "", int smokeExit = 0)
    {
        var environment = new Dictionary<string, string>
        {
            ["AZURE_FUNCTION_APP_NAME"] = "func-test",
            ["APIM_GATEWAY_URL"] = "https://apim-test.azure-api.net",
            ["SITE_URI"] = site,
            ["HEALTH_ATTEMPTS"] = healthAttempts.ToString(CultureInfo.InvariantCulture),
            ["HEALTH_RETRY_SECONDS"] = "0",
            ["SMOKE_SCRIPT"] = Path.Combine(_workspace.FullName, "smoke.sh"),
            ["TEST_SMOKE_CALLS"] = SmokeCalls,
            ["TEST_SMOKE_EXIT"] = smokeExit.ToString(CultureInfo.InvariantCulture),
            ["PATH"] = Path.Combine(_workspace.FullName, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["APIM_NAME"] = apimName,
            ["APIM_API_ID"] = "healthoracle",
            ["APIM_API_PATH"] = apiPath,
            ["SERVICE_API_URI"] = server.BaseUrl,
            ["AZURE_SUBSCRIPTION_ID"] = "sub-1",
            ["AZURE_RESOURCE_GROUP"] = "rg-test",
            ["AZURE_RESOURCE_MANAGER_ENDPOINT"] = server.BaseUrl,
            ["POSTDEPLOY_ATTEMPTS"] = attempts.ToString(CultureInfo.InvariantCulture),
            ["POSTDEPLOY_RETRY_SECONDS"] = "0",
            ["POSTDEPLOY_POLL_SECONDS"] = "0",
            ["TEST_AZD_CALLS"] = AzdCalls,
        };
        return ProcessRunner.RunAsync("sh", [InfraPaths.PostDeployHook], _workspace.FullName, environment);
    }
}
