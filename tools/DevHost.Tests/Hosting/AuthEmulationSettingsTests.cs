using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Workers;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HealthOracle.DevHost.Tests.Hosting;

/// <summary>The platform's side of sign-in that the worker sees: WEBSITE_AUTH_ENABLED, and CORS with credentials.</summary>
public sealed class AuthEmulationSettingsTests : IDisposable
{
    private readonly string _app = Directory.CreateTempSubdirectory("devhost-app-").FullName;

    public AuthEmulationSettingsTests() =>
        File.WriteAllText(Path.Combine(_app, "worker.config.json"), """{ "description": { "defaultWorkerPath": "App.dll" } }""");

    [Theory]
    [InlineData(null, true)]
    [InlineData("on", true)]
    [InlineData("true", true)]
    [InlineData("off", false)]
    [InlineData("OFF", false)]
    [InlineData("false", false)]
    public void Options_AuthSwitch_DefaultsToOn(string? value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["app"] = _app, ["auth"] = value }).Build();

        Assert.Equal(expected, DevHostOptions.FromConfiguration(configuration).AuthEmulation);
    }

    [Fact]
    public void Options_AuthSwitchOtherValue_IsRefusedAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["app"] = _app, ["auth"] = "maybe" }).Build();

        Assert.Throws<InvalidOperationException>(() => DevHostOptions.FromConfiguration(configuration));
    }

    [Fact]
    public void WorkerEnvironment_AuthEmulationOn_HasWebsiteAuthEnabledTrue()
    {
        var start = WorkerProcess.CreateStartInfo(Host(authEmulation: true, values: []), "worker-1");

        Assert.Equal("True", start.Environment[WorkerProcess.AuthEnabledVariable]);
    }

    [Fact]
    public void WorkerEnvironment_AuthEmulationOff_HasNoWebsiteAuthEnabledEvenIfTheSettingsSayIt()
    {
        var start = WorkerProcess.CreateStartInfo(Host(authEmulation: false, values: new() { [WorkerProcess.AuthEnabledVariable] = "True" }), "worker-1");

        Assert.False(start.Environment.ContainsKey(WorkerProcess.AuthEnabledVariable));
    }

    [Fact]
    public void Cors_ListedOriginsWithCredentials_AllowsCredentials()
    {
        var policy = Policy(new LocalSettings { CorsOrigins = ["http://127.0.0.1:5173/", "http://localhost:5173"], CorsCredentials = true });

        Assert.True(policy.SupportsCredentials);
        Assert.False(policy.AllowAnyOrigin);
        Assert.Equal(["http://127.0.0.1:5173", "http://localhost:5173"], policy.Origins);
    }

    [Fact]
    public void Cors_WildcardWithCredentials_NeverAllowsCredentials()
    {
        var policy = Policy(new LocalSettings { CorsOrigins = ["*"], CorsCredentials = true });

        Assert.True(policy.AllowAnyOrigin);
        Assert.False(policy.SupportsCredentials);
    }

    public void Dispose() => Directory.Delete(_app, recursive: true);

    private DevHostContext Host(bool authEmulation, Dictionary<string, string> values) =>
        new(new DevHostOptions(_app, 7071, null, null, 5173, authEmulation), new LocalSettings { Values = values }, new HostJson("api", TimeSpan.FromMinutes(1)));

    private static CorsPolicy Policy(LocalSettings settings)
    {
        var builder = new CorsPolicyBuilder();
        CorsSettings.Apply(settings, builder);
        return builder.Build();
    }
}
