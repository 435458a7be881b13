using System.Net;
using System.Text;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>The model store going away and coming back, through DevHost and the real worker.</summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Predict_StorageStoppedThenRestarted_Answers503ThenScores()
    {
        await using var storage = new AzuriteServer();
        await storage.StartAsync();
        await RepositoryModels.UploadAsync(storage.ConnectionString);
        await using var host = new DevHostServer(new Dictionary<string, string>
        {
            ["ModelStorage"] = storage.ConnectionString,
            ["ModelStorage__RetryAfterSeconds"] = "3",
        });
        await host.StartAsync();
        using var client = host.CreateClient();

        await storage.StopAsync();
        using var down = await client.PostAsync("api/predict/liver", Patient());
        await storage.StartAsync();
        using var up = await client.PostAsync("api/predict/liver", Patient());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), down.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
    }

    private static StringContent Patient() => new(TestPatients.Json("liver"), Encoding.UTF8, "application/json");
}
