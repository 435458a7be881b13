using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// The published worker under DevHost with <c>--telemetry summary --otlp</c>: the worker's real OpenTelemetry SDK
/// exports OTLP/HTTP to DevHost's receiver, which prints it, lists it at <c>/admin/telemetry</c> and forwards it to a
/// collector (here a small OTLP/HTTP listener of the test's own).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TelemetryThroughHostTests : IAsyncLifetime
{
    // The measured values (not the codes, which are 0-7 like many a count): none may equal an attribute's value.
    private static readonly string[] Typed = ["57", "133", "247", "151", "1.7"];

    private static readonly Dictionary<string, string> Inputs = new()
    {
        ["age"] = "57", ["sex"] = "1", ["cp"] = "3", ["trestbps"] = "133", ["chol"] = "247", ["fbs"] = "0", ["restecg"] = "1",
        ["thalach"] = "151", ["exang"] = "0", ["oldpeak"] = "1.7", ["slope"] = "2", ["ca"] = "2", ["thal"] = "7",
    };

    // DevHost writes a NaN or infinite value the worker sent as "NaN", "Infinity" (JSON has no number for them).
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerOptions.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly AzuriteServer _storage = new();
    private readonly CollectorStandIn _collector = new();
    private DevHostServer _host = null!;

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        await RepositoryModels.UploadAsync(_storage.ConnectionString);
        _host = new DevHostServer(
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = _storage.ConnectionString, ["ModelStorage"] = _storage.ConnectionString },
            arguments: ["--telemetry", "summary", "--otlp", _collector.Url]);
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
        _collector.Dispose();
    }

    [Fact]
    public async Task Predict_WithTraceparent_SpansJoinTheCallersTraceAndMetricsArrive()
    {
        using var client = _host.CreateClient();
        var caller = ActivityContextOf("00-" + ActivityTraceId.CreateRandom().ToHexString() + "-" + ActivitySpanId.CreateRandom().ToHexString() + "-01");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict/heart")
        {
            Content = new StringContent("{" + string.Join(",", Inputs.Select(i => $"\"{i.Key}\":{i.Value}")) + "}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{caller.TraceId}-{caller.SpanId}-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Every span of the trace and every metric asserted below: they are exported in batches, not all at once
        // (the invocation's span ends after the prediction's).
        var telemetry = await WaitForAsync(client, t =>
            t.Spans.Any(s => s.Name == "predict heart")
            && t.Spans.Any(s => s.Source == "Microsoft.Azure.Functions.Worker" && s.TraceId == caller.TraceId.ToHexString())
            && t.Spans.Any(s => s.Source == "DevHost" && s.TraceId == caller.TraceId.ToHexString())
            && new[] { "healthoracle.predictions", "healthoracle.batch.size", "healthoracle.model.load.duration" }.All(name => t.Metrics.Any(m => m.Name == name))
            && t.Metrics.Any(m => m.Name == "healthoracle.coldstart.duration"));

        // The trace: caller → DevHost (the host) → the worker's invocation → predict heart → model.load heart.
        var trace = telemetry.Spans.Where(s => s.TraceId == caller.TraceId.ToHexString()).ToList();
        var host = Assert.Single(trace, s => s.Source == "DevHost");
        Assert.Equal(caller.SpanId.ToHexString(), host.ParentSpanId);
        var invocation = Assert.Single(trace, s => s.Source == "Microsoft.Azure.Functions.Worker");
        Assert.Equal(host.SpanId, invocation.ParentSpanId);
        Assert.Contains("HeartPrediction", invocation.Name, StringComparison.Ordinal);
        var predict = Assert.Single(trace, s => s.Name == "predict heart");
        Assert.Equal(invocation.SpanId, predict.ParentSpanId);
        Assert.Equal("heart", predict.Attributes["disease"]);
        var load = Assert.Single(trace, s => s.Name == "model.load heart");
        Assert.Equal(predict.SpanId, load.ParentSpanId);
        Assert.Equal("loaded", load.Attributes["outcome"]);

        var predictions = Assert.Single(telemetry.Metrics, m => m.Name == "healthoracle.predictions");
        Assert.Equal("heart", predictions.Attributes["disease"]);
        Assert.Contains(predictions.Attributes["category"], new[] { "Low", "Moderate", "High" });
        Assert.Equal(1, predictions.Value);
        Assert.Equal(1, Assert.Single(telemetry.Metrics, m => m.Name == "healthoracle.batch.size").Value);
        var loadDuration = Assert.Single(telemetry.Metrics, m => m.Name == "healthoracle.model.load.duration");
        Assert.Equal(("heart", "loaded", "ms"), (loadDuration.Attributes["disease"], loadDuration.Attributes["outcome"], loadDuration.Unit));
        Assert.Equal(1, Assert.Single(telemetry.Metrics, m => m.Name == "healthoracle.coldstart.duration").Value);

        // Nothing a person typed is an attribute, anywhere.
        var values = telemetry.Spans.SelectMany(s => s.Attributes).Concat(telemetry.Metrics.SelectMany(m => m.Attributes)).ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, a => Typed.Contains(a.Value));
        Assert.DoesNotContain(values, a => Inputs.ContainsKey(a.Key));

        // The worker's logs arrive too, and everything was forwarded to the collector.
        Assert.True(telemetry.LogRecords > 0, "no log records");
        await WaitUntilAsync(() => _collector.Paths.Contains("/v1/traces") && _collector.Paths.Contains("/v1/metrics"));
        Assert.Contains(_host.Output, line => line.Contains("span HealthOracle.Functions: predict heart", StringComparison.Ordinal));
        Assert.Contains(_host.Output, line => line.Contains("metric healthoracle.predictions{category=", StringComparison.Ordinal));
    }

    private static ActivityContext ActivityContextOf(string traceparent) => ActivityContext.Parse(traceparent, null);

    private async Task<TelemetrySnapshot> WaitForAsync(HttpClient client, Func<TelemetrySnapshot, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "admin/telemetry");
            request.Headers.Add("x-functions-key", DevHostServer.MasterKey);
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"GET /admin/telemetry answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{_host.Tail()}");
            var snapshot = (await response.Content.ReadFromJsonAsync<TelemetrySnapshot>(SnapshotJson))!;
            if (ready(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, "Telemetry did not arrive in 30 s:\n" + _host.Tail());
            await Task.Delay(250);
        }
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The collector received nothing in 30 s:\n" + _host.Tail());
            await Task.Delay(100);
        }
    }

    private sealed record TelemetrySnapshot(List<SpanSnapshot> Spans, List<PointSnapshot> Metrics, long LogRecords);

    private sealed record SpanSnapshot(string TraceId, string SpanId, string? ParentSpanId, string Name, string Source, Dictionary<string, string> Attributes);

    private sealed record PointSnapshot(string Name, string Unit, Dictionary<string, string> Attributes, double Value);

    /// <summary>An OTLP/HTTP endpoint that answers 200 and remembers which paths it was sent.</summary>
    private sealed class CollectorStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        public CollectorStandIn()
        {
            Url = $"http://127.0.0.1:{FreePort.Next()}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Url { get; }

        public System.Collections.Concurrent.ConcurrentBag<string> Paths { get; } = [];

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                await context.Request.InputStream.CopyToAsync(Stream.Null);
                if (context.Request.ContentType == "application/x-protobuf")
                {
                    Paths.Add(context.Request.Url!.AbsolutePath);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
