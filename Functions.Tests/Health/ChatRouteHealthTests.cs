using HealthOracle.Functions.Health;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Health;

/// <summary>GET /api/health names the route chat takes, from the settings alone (nothing is called).</summary>
public sealed class ChatRouteHealthTests
{
    [Theory]
    [InlineData(null, null, null, null, null)]
    [InlineData("a-key", "p", "/keys/sa.json", "projects/1/locations/global/workloadIdentityPools/p/providers/q", "gemini-api-key")]
    [InlineData(null, "p", "/keys/sa.json", "projects/1/locations/global/workloadIdentityPools/p/providers/q", "vertex-credential-file")]
    [InlineData(null, "p", null, "projects/1/locations/global/workloadIdentityPools/p/providers/q", "vertex-managed-identity")]
    [InlineData(null, "p", null, null, "vertex-application-default")]
    public void Report_ChatRoute_FollowsTheSettings(string? apiKey, string? project, string? file, string? provider, string? route)
    {
        using var host = new TestPredictionHost(new TestModelStore(), settings: new Dictionary<string, string?>
        {
            ["Gemini:ApiKey"] = apiKey,
            ["Gemini:Project"] = project,
            ["Gemini:CredentialsFile"] = file,
            ["Gemini:WorkloadIdentityProvider"] = provider,
        });

        var report = host.Services.GetRequiredService<HealthReporter>().Report();

        Assert.Equal(route, report.Chat.Route);
        Assert.Equal(route is not null, report.Chat.Configured);
    }
}
