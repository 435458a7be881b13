using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// The WarmUp timer through DevHost and the real worker, over the repository's models in a real Azurite:
/// fired by its schedule, by the admin API, and the stale check that refreshes after a prediction.
/// Each test starts its own storage and host, since each changes what is loaded or published.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WarmUpThroughHostTests
{
    private const string WarmUpSucceeded = "Executed 'Functions.WarmUp' (Succeeded";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WarmUp_OnItsSchedule_LoadsEveryModelWithoutARequest()
    {
        await using var storage = await StartStorageAsync();
        await using var host = await StartHostAsync(storage, ("WarmUpSchedule", "*/2 * * * * *"));
        using var client = host.CreateClient();

        var health = await WaitForHealthAsync(client, models => models.All(m => Loaded(m) && Refreshed(m)));

        Assert.All(health.EnumerateObject(), model => Assert.True(model.Value.GetProperty("loaded").GetBoolean(), model.Name));
        Assert.Equal(["diabetes", "heart", "kidney", "liver", "lung"], health.EnumerateObject().Select(m => m.Name).Order());
        await host.WaitForOutputAsync(line => line.Contains(WarmUpSucceeded), Bound);
    }

    [Fact]
    public async Task WarmUp_FiredByTheAdminApi_LoadsSwapsToANewVersionAndRefusesACorruptOne()
    {
        await using var storage = await StartStorageAsync();
        await using var host = await StartHostAsync(storage);
        using var client = host.CreateClient();
        var before = await GetModelsAsync(client);

        var fired = await FireWarmUpAsync(client, host, run: 1);
        var loaded = await WaitForHealthAsync(client, models => models.All(m => Loaded(m) && Refreshed(m)));
        await ModelVersionPublisher.PublishCopyAsync(storage.ConnectionString, "heart", "e2e-v2");
        await FireWarmUpAsync(client, host, run: 2);
        var v2 = await PredictedVersionAsync(client, "heart");
        var v2Health = (await GetModelsAsync(client)).GetProperty("heart");
        await ModelVersionPublisher.PublishCorruptAsync(storage.ConnectionString, "heart", "e2e-v3");
        await FireWarmUpAsync(client, host, run: 3);
        var afterV3 = await PredictedVersionAsync(client, "heart");
        var v3Health = (await GetModelsAsync(client)).GetProperty("heart");

        Assert.All(before.EnumerateObject(), model => Assert.False(model.Value.GetProperty("loaded").GetBoolean(), model.Name));
        Assert.Equal(HttpStatusCode.Accepted, fired);
        Assert.All(loaded.EnumerateObject(), model => Assert.True(Refreshed(model.Value), model.Name));
        Assert.Equal("e2e-v2", v2);
        Assert.Equal("e2e-v2", v2Health.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, v2Health.GetProperty("refused").ValueKind);
        Assert.Equal("e2e-v2", afterV3);
        Assert.Equal("e2e-v2", v3Health.GetProperty("version").GetString());
        Assert.Equal("e2e-v3", v3Health.GetProperty("refused").GetProperty("version").GetString());
        Assert.Contains("SHA-256", v3Health.GetProperty("refused").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Predict_ModelOlderThanStaleAfter_RefreshesThisInstanceInTheBackground()
    {
        await using var storage = await StartStorageAsync();
        await using var host = await StartHostAsync(storage, ("WarmUp__StaleAfterSeconds", "1"));
        using var client = host.CreateClient();
        var first = await PredictedVersionAsync(client, "lung");
        await ModelVersionPublisher.PublishCopyAsync(storage.ConnectionString, "lung", "e2e-stale-v2");

        // No timer and no admin call: only predictions, each of which may start the background refresh.
        var refreshed = await WaitForAsync(async () =>
        {
            await PredictedVersionAsync(client, "lung");
            return (await GetModelsAsync(client)).GetProperty("lung") is var lung && lung.GetProperty("version").GetString() == "e2e-stale-v2";
        });
        var next = await PredictedVersionAsync(client, "lung");

        Assert.NotEqual("e2e-stale-v2", first);
        Assert.True(refreshed);
        Assert.Equal("e2e-stale-v2", next);
        Assert.DoesNotContain(host.Output, line => line.Contains("Executing 'Functions.WarmUp'"));
        Assert.Contains(host.Output, line => line.Contains("refreshing in the background"));
    }

    private static async Task<AzuriteServer> StartStorageAsync()
    {
        var storage = new AzuriteServer();
        await storage.StartAsync();
        await RepositoryModels.UploadAsync(storage.ConnectionString);
        return storage;
    }

    private static async Task<DevHostServer> StartHostAsync(AzuriteServer storage, params (string Name, string Value)[] settings)
    {
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["ModelStorage"] = storage.ConnectionString,
        };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        var host = new DevHostServer(values);
        await host.StartAsync();
        return host;
    }

    /// <summary>POST admin/functions/WarmUp (master key), then waits until the host reports that run done.</summary>
    private static async Task<HttpStatusCode> FireWarmUpAsync(HttpClient client, DevHostServer host, int run)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/functions/WarmUp") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", DevHostServer.MasterKey);
        using var response = await client.SendAsync(request);
        Assert.True(await WaitForAsync(() => Task.FromResult(host.Output.Count(line => line.Contains(WarmUpSucceeded)) >= run)), $"WarmUp run {run} did not succeed");
        return response.StatusCode;
    }

    private static async Task<string?> PredictedVersionAsync(HttpClient client, string disease)
    {
        using var response = await client.PostAsync($"api/predict/{disease}", new StringContent(TestPatients.Json(disease), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("model").GetProperty("version").GetString();
    }

    private static async Task<JsonElement> GetModelsAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("api/health")).RootElement.GetProperty("models");

    private static async Task<JsonElement> WaitForHealthAsync(HttpClient client, Func<IEnumerable<JsonElement>, bool> condition)
    {
        var models = await GetModelsAsync(client);
        for (var clock = Stopwatch.StartNew(); !condition(models.EnumerateObject().Select(m => m.Value)) && clock.Elapsed < Bound;)
        {
            await Task.Delay(250);
            models = await GetModelsAsync(client);
        }

        return models;
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < Bound; await Task.Delay(250))
        {
            if (await condition())
            {
                return true;
            }
        }

        return false;
    }

    private static bool Loaded(JsonElement model) => model.GetProperty("loaded").GetBoolean();

    private static bool Refreshed(JsonElement model) => model.GetProperty("lastRefreshUtc").ValueKind == JsonValueKind.String;
}
