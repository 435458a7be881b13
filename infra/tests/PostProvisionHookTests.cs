using HealthOracle.Infra.Tests.TestSupport;

namespace HealthOracle.Infra.Tests;

/// <summary>
/// The posix postprovision hook, run for real by sh with a stand-in `dotnet` first on PATH that
/// records its arguments and fails a set number of times.
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
    }

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

    public void Dispose() => _workspace.Delete(recursive: true);

    private void WriteManifest()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.FullName, "models"));
        File.WriteAllText(Path.Combine(_workspace.FullName, "models", "manifest.json"), "{}");
    }

    private Task<ProcessResult> RunHookAsync(int failures, int? attempts = 6, string tokenCredentials = "")
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

        return ProcessRunner.RunAsync("sh", [InfraPaths.PostProvisionHook], _workspace.FullName, environment);
    }
}
