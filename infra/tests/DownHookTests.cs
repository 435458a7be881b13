using System.Text.Json.Nodes;
using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// `azd down` and the next `azd up`: the predown hook keeps people's data from being deleted by accident
/// (their storage account's lock), and the postdown hook resets every environment value that would make the
/// next provision wrong. Run for real by sh, with a stand-in `azd` that records `azd env set` and a real HTTP
/// server standing in for Azure Resource Manager.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class DownHookTests : IDisposable
{
    private const string LockPath = "/subscriptions/sub-1/resourceGroups/rg-test/providers/Microsoft.Storage/storageAccounts/stpplabc/providers/Microsoft.Authorization/locks/people-data-can-not-delete?api-version=2020-05-01";

    private readonly CompiledInfra _compiled;
    private readonly DirectoryInfo _workspace = Directory.CreateTempSubdirectory("downhooks-");

    public DownHookTests(CompiledInfra compiled)
    {
        _compiled = compiled;
        var bin = _workspace.CreateSubdirectory("bin").FullName;
        var fake = Path.Combine(bin, "azd");
        File.WriteAllText(fake, """
            #!/bin/sh
            printf '%s|' "$@" >> "$TEST_AZD_CALLS"; echo >> "$TEST_AZD_CALLS"
            if [ "$1" = "auth" ]; then printf '{"token": "token-from-azd", "expiresOn": "2030-01-01T00:00:00Z"}\n'; fi
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private string AzdCalls => Path.Combine(_workspace.FullName, "azd-calls.txt");

    [Fact]
    public async Task PostDown_Run_ResetsWhatWouldMakeTheNextUpWrong()
    {
        var result = await RunAsync(InfraPaths.PostDownHook, []);

        var sets = File.ReadAllLines(AzdCalls).Select(line => line.Split('|')[..^1]).Where(call => call[0] == "env" && call[1] == "set")
            .ToDictionary(call => call[2], call => call[3]);
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(new Dictionary<string, string>
        {
            ["GATEWAY_KEY_IN_KEY_VAULT"] = "false",
            ["GATEWAY_KEY_SLOT"] = "a",
            ["GATEWAY_KEY_ROTATION"] = "",
            ["APIM_IMPORT_FROM_APP"] = "false",
            ["BUDGET_START_DATE"] = "",
        }, sets);
    }

    [Fact]
    public void PostDown_EveryValueItResets_IsReadBackByTheNextProvisionAsOnAFirstOne()
    {
        // Each value it resets feeds a parameter, and the value it resets to is that parameter's first-provision value.
        var parameters = JsonNode.Parse(File.ReadAllText(InfraPaths.MainParameters))!["parameters"]!.AsObject();
        var declared = _compiled.Main.Json["parameters"]!;
        var hook = File.ReadAllText(InfraPaths.PostDownHook);

        var expected = new Dictionary<string, (string Parameter, string Reset)>
        {
            ["GATEWAY_KEY_IN_KEY_VAULT"] = ("gatewayKeyInKeyVault", "false"),
            ["GATEWAY_KEY_SLOT"] = ("gatewayKeySlot", "a"),
            ["GATEWAY_KEY_ROTATION"] = ("gatewayKeyRotation", ""),
            ["APIM_IMPORT_FROM_APP"] = ("apimImportFromApp", "false"),
            ["BUDGET_START_DATE"] = ("budgetStartDate", ""),
        };

        Assert.All(expected, entry =>
        {
            Assert.Contains($"azd env set {entry.Key} ", hook);
            Assert.StartsWith("${" + entry.Key, parameters[entry.Value.Parameter]!["value"]!.GetValue<string>());
            Assert.Equal(entry.Value.Reset, ArmTemplate.Text(declared[entry.Value.Parameter]!["defaultValue"]).ToLowerInvariant());
        });
    }

    [Fact]
    public async Task PreDown_PeopleLocked_StopsAzdDownAndSaysHowToExport()
    {
        await using var arm = new StandInServer(request => request.Method == "GET" ? new StandInAnswer(200, """{"properties":{"level":"CanNotDelete"}}""") : new StandInAnswer(500));

        var result = await RunAsync(InfraPaths.PreDownHook, Environment(arm));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("azd env set PEOPLE_STORAGE_LOCK false", result.Output);
        Assert.Contains("export", result.Output);
        Assert.DoesNotContain(arm.Requests, r => r.Method == "DELETE");
        Assert.All(arm.Requests, r => Assert.Equal("Bearer token-from-azd", r.Authorization));
    }

    [Fact]
    public async Task PreDown_LockTurnedOff_RemovesTheLockSoThatDownCanProceed()
    {
        await using var arm = new StandInServer(request => (request.Method, request.PathAndQuery) switch
        {
            ("GET", LockPath) => new StandInAnswer(200, "{}"),
            ("DELETE", LockPath) => new StandInAnswer(200),
            _ => new StandInAnswer(404),
        });

        var result = await RunAsync(InfraPaths.PreDownHook, Environment(arm, peopleLock: "false"));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Single(arm.Requests, r => r.Method == "DELETE" && r.PathAndQuery == LockPath);
    }

    [Fact]
    public async Task PreDown_NoLock_LetsDownProceedWithoutDeletingAnything()
    {
        await using var arm = new StandInServer(_ => new StandInAnswer(404));

        var result = await RunAsync(InfraPaths.PreDownHook, Environment(arm));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.DoesNotContain(arm.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task PreDown_NothingProvisioned_DoesNothing()
    {
        var result = await RunAsync(InfraPaths.PreDownHook, []);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(AzdCalls));
    }

    public void Dispose() => _workspace.Delete(recursive: true);

    private static Dictionary<string, string> Environment(StandInServer arm, string peopleLock = "") => new()
    {
        ["AZURE_SUBSCRIPTION_ID"] = "sub-1",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
        ["PEOPLE_STORAGE_ACCOUNT_NAME"] = "stpplabc",
        ["PEOPLE_STORAGE_LOCK"] = peopleLock,
        ["AZURE_RESOURCE_MANAGER_ENDPOINT"] = arm.BaseUrl,
    };

    private Task<ProcessResult> RunAsync(string hook, Dictionary<string, string> environment)
    {
        environment["PATH"] = Path.Combine(_workspace.FullName, "bin") + ":" + System.Environment.GetEnvironmentVariable("PATH");
        environment["TEST_AZD_CALLS"] = AzdCalls;
        return ProcessRunner.RunAsync("sh", [hook], _workspace.FullName, environment);
    }
}
