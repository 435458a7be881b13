using System.Globalization;
using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The posix postdeploy hook, run for real by sh with the real curl, against a real HTTP server standing in
/// for both the deployed app and Azure Resource Manager, and a stand-in `azd` first on PATH that hands out
/// a token and records `azd env set`.
/// </summary>
public sealed class PostDeployHookTests : IDisposable
{
    private const string Token = "token-from-azd";
    private const string ApiPath = "/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.ApiManagement/service/apim-test/apis/healthoracle?api-version=2024-05-01";

    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("postdeploy-");

    private string AzdCalls => Path.Combine(_workspace.FullName, "azd-calls.txt");

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
        Assert.All(server.Requests.Where(r => r.PathAndQuery != "/api/openapi.json"), r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.Equal(2, server.Requests.Count(r => r.PathAndQuery == "/operations/import-1"));
        Assert.Contains("env set APIM_IMPORT_FROM_APP true", File.ReadAllLines(AzdCalls));
        Assert.Contains(File.ReadAllLines(AzdCalls), call => call.StartsWith("auth token", StringComparison.Ordinal) && call.Contains("--scope https://management.azure.com/.default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_EmptyApiPath_ImportsAtTheRootWithTheAppRootAsBackend()
    {
        await using var server = new StandInServer(request => request.Method == "PUT" ? new StandInAnswer(201, "{}") : new StandInAnswer(200, "{}"));

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
    public async Task Run_NoApiManagement_SkipsWithoutAnyCall()
    {
        await using var server = new StandInServer(_ => new StandInAnswer(200, "{}"));

        var result = await RunHookAsync(server, apimName: "");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing to import", result.Output);
        Assert.Empty(server.Requests);
        Assert.False(File.Exists(AzdCalls));
    }

    public void Dispose() => _workspace.Delete(recursive: true);

    private Task<ProcessResult> RunHookAsync(StandInServer server, string apimName = "apim-test", string apiPath = "api", int attempts = 5)
    {
        var environment = new Dictionary<string, string>
        {
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
