using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The posix postprovision hook, run for real by sh with a stand-in `dotnet` first on PATH that
/// records its arguments and fails a set number of times, a stand-in `azd` that hands out a token, and a
/// real HTTP server standing in for Azure Resource Manager.
/// </summary>
public sealed class PostProvisionHookTests : IDisposable
{
    private const string Endpoint = "https://stmdlexample.blob.core.windows.net/";

    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("postprovision-");

    private string Calls => Path.Combine(_workspace.FullName, "calls.txt");

    private string Credentials => Path.Combine(_workspace.FullName, "credentials.txt");

    public PostProvisionHookTests()
    {
        var bin = _workspace.CreateSubdirectory("bin").FullName;
        var fake = Path.Combine(bin, "dotnet");
        File.WriteAllText(fake, """
            #!/bin/sh
            echo "$@" >> "$TEST_CALLS"
            echo "${AZURE_TOKEN_CREDENTIALS:-}" >> "$TEST_CREDENTIALS"
            count=$(wc -l < "$TEST_CALLS")
            [ "$count" -gt "${TEST_FAILURES:-0}" ]
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var azd = Path.Combine(bin, "azd");
        File.WriteAllText(azd, """
            #!/bin/sh
            if [ "$1" = "auth" ]; then printf '{"token": "token-from-azd", "expiresOn": "2030-01-01T00:00:00Z"}\n'; fi
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private const string NamedValuePath = "/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.ApiManagement/service/apim-test/namedValues/gateway-key";

    [Fact]
    public async Task Run_ManifestPresent_PublishesToTheProvisionedContainer()
    {
        WriteManifest();

        var result = await RunHookAsync(failures: 0);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [$"run --project tools/Training -- publish --service-uri {Endpoint} --container models"],
            File.ReadAllLines(Calls));
    }

    [Fact]
    public async Task Run_PublishRefusedTwice_RetriesUntilItSucceeds()
    {
        WriteManifest();

        var result = await RunHookAsync(failures: 2);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, File.ReadAllLines(Calls).Length);
    }

    [Fact]
    public async Task Run_PublishAlwaysRefused_FailsAfterTheLastAttempt()
    {
        WriteManifest();

        var result = await RunHookAsync(failures: 10, attempts: 2);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(2, File.ReadAllLines(Calls).Length);
        Assert.Contains("failed 2 times", result.Output);
    }

    [Fact]
    public async Task Run_ShellSignedInElsewhere_PublishesWithAzdsCredentialOnly()
    {
        WriteManifest();

        var result = await RunHookAsync(failures: 1, tokenCredentials: "AzureCliCredential");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["AzureDeveloperCliCredential", "AzureDeveloperCliCredential"], File.ReadAllLines(Credentials));
    }

    [Fact]
    public async Task Run_Defaults_RetryForLongerThanARoleAssignmentMayTake()
    {
        // learn.microsoft.com/azure/role-based-access-control/troubleshooting: "it can take up to 10 minutes".
        WriteManifest();
        var delay = int.Parse(System.Text.RegularExpressions.Regex.Match(File.ReadAllText(InfraPaths.PostProvisionHook), @"POSTPROVISION_RETRY_SECONDS:-(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var result = await RunHookAsync(failures: 1000, attempts: null);

        var attempts = File.ReadAllLines(Calls).Length;
        Assert.NotEqual(0, result.ExitCode);
        Assert.True((attempts - 1) * delay >= 600, $"{attempts} attempts {delay} s apart");
    }

    [Fact]
    public async Task Run_NoManifest_SkipsWithoutPublishing()
    {
        var workspace = _workspace.FullName;

        var result = await RunHookAsync(failures: 0);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Calls));
        Assert.Contains("models/manifest.json not found", result.Output);
        Assert.True(Directory.Exists(workspace));
    }

    [Fact]
    public async Task Run_PrivateNetworkWithoutPublishAddresses_SkipsPublishingAndSaysHow()
    {
        WriteManifest();

        var result = await RunHookAsync(failures: 0, extra: new() { ["VNET_ENABLED"] = "true", ["MODEL_PUBLISH_IP_ADDRESSES"] = "" });

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Calls));
        Assert.Contains("azd env set MODEL_PUBLISH_IP_ADDRESSES", result.Output);
    }

    [Fact]
    public async Task Run_GatewayReadsItsKeyFromKeyVault_AsksItToReadItAgainRetryingWhileRefused()
    {
        var refreshes = 0;
        await using var arm = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("GET", NamedValuePath + "?api-version=2024-05-01") => new StandInAnswer(200, """{"properties":{"secret":true,"keyVault":{"secretIdentifier":"https://kv-test.vault.azure.net/secrets/apim-gateway-key-a"}}}"""),
            ("POST", NamedValuePath + "/refreshSecret?api-version=2024-05-01") => new StandInAnswer(Interlocked.Increment(ref refreshes) <= 2 ? 403 : 202),
            _ => new StandInAnswer(404),
        });

        var result = await RunHookAsync(failures: 0, extra: Gateway(arm));

        var posts = arm.Requests.Where(r => r.Method == "POST").ToList();
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(3, posts.Count);
        Assert.All(arm.Requests, r => Assert.Equal("Bearer token-from-azd", r.Authorization));
        Assert.Contains("re-reads its gateway key", result.Output);
    }

    [Fact]
    public async Task Run_GatewayHoldsTheKeyItself_RefreshesNothing()
    {
        // The first provision: the named value was given the key, there is no Key Vault reference to refresh.
        await using var arm = new StandInServer(request => request.Method == "GET"
            ? new StandInAnswer(200, """{"properties":{"secret":true,"displayName":"gateway-key"}}""")
            : new StandInAnswer(500));

        var result = await RunHookAsync(failures: 0, extra: Gateway(arm));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(arm.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task Run_RotationStarted_SaysTheSecondStep()
    {
        var result = await RunHookAsync(failures: 0, extra: new() { ["GATEWAY_KEY_ROTATION"] = "finish", ["GATEWAY_KEY_SLOT"] = "a" });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("step 1 of 2 done: a new gateway key is in slot b", result.Output);
        Assert.Contains("azd provision", result.Output);
    }

    public void Dispose() => _workspace.Delete(recursive: true);

    private static Dictionary<string, string> Gateway(StandInServer arm) => new()
    {
        ["APIM_NAME"] = "apim-test",
        ["AZURE_SUBSCRIPTION_ID"] = "sub-1",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
        ["AZURE_RESOURCE_MANAGER_ENDPOINT"] = arm.BaseUrl,
    };

    private void WriteManifest()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.FullName, "models"));
        File.WriteAllText(Path.Combine(_workspace.FullName, "models", "manifest.json"), "{}");
    }

    private Task<ProcessResult> RunHookAsync(int failures, int? attempts = 6, string tokenCredentials = "", Dictionary<string, string>? extra = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Path.Combine(_workspace.FullName, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["MODEL_STORAGE_BLOB_ENDPOINT"] = Endpoint,
            ["MODELS_CONTAINER_NAME"] = "models",
            ["POSTPROVISION_RETRY_SECONDS"] = "0",
            ["AZURE_TOKEN_CREDENTIALS"] = tokenCredentials,
            ["TEST_CALLS"] = Calls,
            ["TEST_CREDENTIALS"] = Credentials,
            ["TEST_FAILURES"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (attempts is { } count)
        {
            environment["POSTPROVISION_ATTEMPTS"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in extra ?? [])
        {
            environment[name] = value;
        }

        return ProcessRunner.RunAsync("sh", [InfraPaths.PostProvisionHook], _workspace.FullName, environment);
    }
}
