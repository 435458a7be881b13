using System.Diagnostics;
using System.Net;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>The worker process under DevHost: restarted when it dies, gone when DevHost stops.</summary>
[Trait("Category", "EndToEnd")]
public sealed class WorkerLifecycleTests
{
    [Fact]
    public async Task Worker_KilledUnexpectedly_IsRestartedAndServes()
    {
        await using var storage = new AzuriteServer();
        await storage.StartAsync();
        await using var host = new DevHostServer(new Dictionary<string, string> { ["ModelStorage"] = storage.ConnectionString });
        await host.StartAsync();
        var before = await host.GetStatusAsync();

        using (var worker = Process.GetProcessById(before.WorkerProcessId!.Value))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        var after = await host.WaitForRunningAsync(TimeSpan.FromSeconds(90), notProcessId: before.WorkerProcessId);
        using var client = host.CreateClient();
        using var response = await client.GetAsync("api/health");
        Assert.NotEqual(before.WorkerProcessId, after.WorkerProcessId);
        Assert.Equal(1, after.WorkerRestarts);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{host.Tail()}");
        Assert.Contains(host.Output, line => line.Contains("exited unexpectedly"));
    }

    [Fact]
    public async Task Worker_KilledWithARequestInFlight_AnswersA502Problem()
    {
        await using var host = new DevHostServer();
        await host.StartAsync();
        var before = await host.GetStatusAsync();

        // Only the kill may end the request. Three timers of the platform could end it first if the kill came late on a
        // loaded machine (each 5 s): the worker's pairing of the gRPC invocation with its HTTP request (the ASP.NET Core
        // integration's coordinator, slow on a cold worker: warmed here through another function), and the body-rate
        // timeouts of DevHost and of the worker's Kestrel (kept satisfied by a body that keeps arriving, as whitespace).
        using (var client = host.CreateClient())
        using (var warm = await client.PostAsync("api/predict/diabetes", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, warm.StatusCode);
        }

        using var connection = await RawHttp.StartAsync(host.Port, RawHttp.Latin1(
            "POST /api/predict/heart HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{\"age\":"));
        using var answered = new CancellationTokenSource();
        var trickle = RawHttp.TrickleAsync(connection, answered.Token);
        await host.WaitForOutputAsync(line => line.Contains("Executing 'Functions.HeartPrediction'"), TimeSpan.FromSeconds(30));

        using (var worker = Process.GetProcessById(before.WorkerProcessId!.Value))
        {
            worker.Kill();
            await worker.WaitForExitAsync();
        }

        var responses = await RawHttp.ReadAsync(connection, TimeSpan.FromSeconds(30));
        await answered.CancelAsync();
        await trickle;
        var response = Assert.Single(responses);
        Assert.True(response.Status == 502, $"{response.Status} {response.Body}{Environment.NewLine}{host.Tail()}");
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(502, System.Text.Json.JsonDocument.Parse(response.Body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DevHost_Interrupted_LeavesNoWorkerBehind()
    {
        var host = new DevHostServer();
        await host.StartAsync();
        var workerId = (await host.GetStatusAsync()).WorkerProcessId!.Value;

        await host.DisposeAsync();

        Assert.False(IsRunning(workerId));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
