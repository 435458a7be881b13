using HealthOracle.Functions.Health;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Health;

/// <summary>GET /api/health says whether chat is configured, so that the site can say so before anyone types.</summary>
public sealed class ChatHealthTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData("", " ", false)]
    [InlineData("a-key", null, true)]
    [InlineData(null, "my-project", true)]
    public void Report_ChatConfigured_FollowsTheGeminiSettings(string? apiKey, string? project, bool configured)
    {
        using var host = new TestPredictionHost(new TestModelStore(), settings: new Dictionary<string, string?>
        {
            ["Gemini:ApiKey"] = apiKey,
            ["Gemini:Project"] = project,
        });

        var report = host.Services.GetRequiredService<HealthReporter>().Report();

        Assert.Equal(configured, report.Chat.Configured);
    }
}
