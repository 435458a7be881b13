using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Xunit.Abstractions;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// Faults through DevHost and the real worker (issue 18): a store that stalls at a first load, a bad manifest
/// entry at a refresh, the worker killed under load. The store stopped outright is <see cref="StorageOutageTests"/>.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Predict_StoreStalledAtFirstLoad_Answers503WellInsideTheFunctionTimeoutThenScores()
    {
        await using var storage = new AzuriteServer();
        await storage.StartAsync();
        await RepositoryModels.UploadAsync(storage.ConnectionString);
        await using var host = await StartHostAsync(storage, ("ModelStorage__FirstLoadWaitSeconds", "3"));
        using var client = host.CreateClient();

        await storage.PauseAsync();
        var clock = Stopwatch.StartNew();
        using var stalled = await PredictAsync(client, "liver");
        var waited = clock.Elapsed;
        var stalledBody = await stalled.Content.ReadAsStringAsync();
        await storage.ResumeAsync();
        var recovered = await EventuallyAsync(async () => (await PredictAsync(client, "liver")).StatusCode == HttpStatusCode.OK);

        output.WriteLine($"stalled store: {(int)stalled.StatusCode} after {waited.TotalSeconds:0.0} s: {stalledBody}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled.StatusCode);
        Assert.Equal("application/problem+json", stalled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(3), stalled.Headers.RetryAfter?.Delta);
        Assert.Equal("StillLoading", JsonDocument.Parse(stalledBody).RootElement.GetProperty("reason").GetString());
        Assert.True(waited < TimeSpan.FromSeconds(30), $"answered after {waited.TotalSeconds:0.0} s; host.json's function timeout is 60 s");
        Assert.True(recovered, "the prediction did not succeed once the store answered again");
        Assert.DoesNotContain(host.Output, line => line.Contains("failed", StringComparison.Ordinal) && line.Contains("Predict", StringComparison.Ordinal) && line.Contains("Unhandled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refresh_BadManifestEntry_RefusesThatDiseaseAloneAndHealthShowsIt()
    {
        await using var storage = new AzuriteServer();
        await storage.StartAsync();
        await RepositoryModels.UploadAsync(storage.ConnectionString);
        await using var host = await StartHostAsync(storage);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PredictAsync(client, "heart")).StatusCode);

        await ModelVersionPublisher.PublishEntryAsync(storage.ConnectionString, "heart", _ => null);
        await ModelVersionPublisher.PublishEntryAsync(storage.ConnectionString, "cancer", entry => { entry["disease"] = "cancer"; return entry; });
        using var refresh = new HttpRequestMessage(HttpMethod.Post, "api/models/refresh");
        refresh.Headers.Add("x-functions-key", DevHostServer.FunctionKey);
        using var refreshed = await client.SendAsync(refresh);
        var summary = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement;
        var health = JsonDocument.Parse(await client.GetStringAsync("api/health")).RootElement;
        using var heart = await PredictAsync(client, "heart");
        using var lung = await PredictAsync(client, "lung");

        output.WriteLine(health.ToString());
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var heartItem = summary.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("disease").GetString() == "heart");
        Assert.Equal("refused", heartItem.GetProperty("action").GetString());
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var problems = health.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.StartsWith("heart:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cancer", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, heart.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lung.StatusCode);
    }

    [Fact]
    public async Task Worker_KilledUnderLoad_FailuresAreProblemAnswersAndServingResumes()
    {
        await using var storage = new AzuriteServer();
        await storage.StartAsync();
        await RepositoryModels.UploadAsync(storage.ConnectionString);
        await using var host = await StartHostAsync(storage);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PredictAsync(client, "heart")).StatusCode);
        var before = await host.GetStatusAsync();

        var answers = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan At, int Status, string? Type)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Bounded in count and in time.
            for (var i = 0; i < 5000 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await PredictAsync(client, "heart");
                    answers.Enqueue((clock.Elapsed, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
                }
                catch (HttpRequestException)
                {
                    answers.Enqueue((clock.Elapsed, 0, null));
                }
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = clock.Elapsed;
        using (var worker = Process.GetProcessById(before.WorkerProcessId!.Value))
        {
            worker.Kill();
        }

        var after = await host.WaitForRunningAsync(TimeSpan.FromSeconds(90), notProcessId: before.WorkerProcessId);
        var restartedAt = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        var all = answers.ToList();
        var failed = all.Where(a => a.Status != 200).ToList();
        var lastSecond = all.Where(a => a.At > clock.Elapsed - TimeSpan.FromSeconds(2)).ToList();
        output.WriteLine($"{all.Count} requests; worker killed at {killedAt.TotalSeconds:0.0} s, running again at {restartedAt.TotalSeconds:0.0} s; "
            + $"{failed.Count} failed: {string.Join(", ", failed.GroupBy(f => f.Status).Select(g => $"{g.Count()} × {(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}"))}");
        Assert.NotEqual(before.WorkerProcessId, after.WorkerProcessId);
        Assert.All(failed, f => Assert.True(f.Status is 502 or 503 && f.Type == "application/problem+json", $"{f.Status} {f.Type} at {f.At.TotalSeconds:0.0} s"));
        Assert.NotEmpty(lastSecond);
        Assert.All(lastSecond, a => Assert.Equal(200, a.Status));
    }

    private static async Task<DevHostServer> StartHostAsync(AzuriteServer storage, params (string Name, string Value)[] settings)
    {
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["ModelStorage"] = storage.ConnectionString,
            ["ModelStorage__RetryAfterSeconds"] = "3",
        };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        var host = new DevHostServer(values);
        await host.StartAsync();
        return host;
    }

    private static Task<HttpResponseMessage> PredictAsync(HttpClient client, string disease) =>
        client.PostAsync($"api/predict/{disease}", new StringContent(TestPatients.Json(disease), Encoding.UTF8, "application/json"));

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(90); await Task.Delay(500))
        {
            if (await condition())
            {
                return true;
            }
        }

        return false;
    }
}
