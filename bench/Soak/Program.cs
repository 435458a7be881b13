using System.Diagnostics;
using System.Globalization;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Soak;

// Soak through DevHost: Azurite with the repository's models, the Gemini stand-in, the real worker; a mixed
// load for --minutes; the worker's resident memory (/proc) and GC heap (dotnet-counters) every 10 s.
//   dotnet HealthOracle.Soak.dll --minutes 10 --concurrency 8 --counters <dotnet-counters> --out bench/results
var minutes = double.Parse(Arg("--minutes", "10"), CultureInfo.InvariantCulture);
var concurrency = int.Parse(Arg("--concurrency", "8"), CultureInfo.InvariantCulture);
var counters = Arg("--counters", "dotnet-counters");
var output = Path.GetFullPath(Arg("--out", Path.Combine(RepositoryPaths.Root, "bench", "results")));
Directory.CreateDirectory(output);

await using var storage = new AzuriteServer();
await storage.StartAsync();
await RepositoryModels.UploadAsync(storage.ConnectionString);
await using var gemini = await GeminiStandIn.StartAsync();
await using var host = new DevHostServer(new Dictionary<string, string>
{
    ["AzureWebJobsStorage"] = storage.ConnectionString,
    ["ModelStorage"] = storage.ConnectionString,
    ["Gemini__Endpoint"] = gemini.Url,
    ["Gemini__ApiKey"] = gemini.ApiKey,
    // One client (DevHost's loopback hop) sends everything: the limit would only measure itself.
    ["Chat__RateLimit__PermitsPerMinute"] = "1000000",
    ["Logging__LogLevel__Default"] = "Warning",
});
await host.StartAsync();
var worker = (await host.GetStatusAsync()).WorkerProcessId ?? throw new InvalidOperationException("DevHost reports no worker.");
Console.WriteLine($"worker {worker}; load for {minutes} min at concurrency {concurrency}");

var countersCsv = Path.Combine(Path.GetTempPath(), $"soak-counters-{worker}.csv");
File.Delete(countersCsv);
using var collector = Process.Start(new ProcessStartInfo(counters,
    ["collect", "-p", worker.ToString(CultureInfo.InvariantCulture), "--refresh-interval", "10", "--format", "csv", "-o", countersCsv, "--counters", "System.Runtime"])
{ RedirectStandardOutput = true, RedirectStandardError = true })!;
collector.OutputDataReceived += (_, _) => { };
collector.ErrorDataReceived += (_, _) => { };
collector.BeginOutputReadLine();
collector.BeginErrorReadLine();

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
var load = new SoakLoad(client);
var started = DateTime.UtcNow;
var until = started.AddMinutes(minutes);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes + 2));
// Bounded in time and in count (at most 1,000 requests a second on average).
var maxRequests = (long)(minutes * 60 * 1000);
var loops = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => load.RunAsync(i + 1, until, maxRequests, stop.Token))).ToArray();

var samples = new List<Sample>();
while (true)
{
    var elapsed = DateTime.UtcNow - started;
    samples.Add(new Sample(elapsed.TotalSeconds, ResidentMegabytes(worker), load.Requests, load.ServerErrors + load.TransportErrors));
    Console.WriteLine($"{elapsed:mm\\:ss} rss {samples[^1].RssMb:0.0} MB, {load.Requests} requests, {load.ServerErrors} 5xx, {load.TransportErrors} transport errors");
    if (loops.All(l => l.IsCompleted))
    {
        break;
    }

    await Task.WhenAny(Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(10)));
    if (loops.All(l => l.IsCompleted))
    {
        samples.Add(new Sample((DateTime.UtcNow - started).TotalSeconds, ResidentMegabytes(worker), load.Requests, load.ServerErrors + load.TransportErrors));
        break;
    }
}

await Task.WhenAll(loops);
await Task.Delay(TimeSpan.FromSeconds(11));
collector.Kill();
await collector.WaitForExitAsync();
var heap = SoakReport.GcHeapSeries(countersCsv);
var report = SoakReport.Write(output, samples, heap, load, minutes, concurrency);
Console.WriteLine(report);
return load.ServerErrors + load.TransportErrors == 0 ? 0 : 1;

string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

static double ResidentMegabytes(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

internal sealed record Sample(double Seconds, double RssMb, long Requests, long Failures);
