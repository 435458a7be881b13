using System.Diagnostics;
using System.Text.Json;
using HealthOracle.Functions.Models;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.WarmUp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealthOracle.Bench;

/// <summary>
/// Model swaps under load, and the process's memory as they go: a new version of the heart model is
/// published (the same bytes under a new version, as a retrain with equal results would be) and the
/// warm-up's refresh swaps it in, while four callers score one patient at a time on whatever is current.
/// A leak grows with the number of swaps; allocator slack levels off.
/// </summary>
internal static class SwapMemory
{
    public static async Task RunAsync(int swaps, int reportEvery)
    {
        await using var host = await BenchHost.StartAsync();
        using var registry = host.NewRegistry();
        using var refresher = new ModelRefresher(
            host.NewStore(), registry, Options.Create(new WarmUpOptions()), new NoHttpClients(), TimeProvider.System, NullLogger<ModelRefresher>.Instance);
        var manifestBlob = host.Blobs.GetBlobContainerClient("models").GetBlobClient(ModelManifest.BlobName);
        var manifest = JsonSerializer.Deserialize((await manifestBlob.DownloadContentAsync()).Value.Content.ToStream(), ModelManifestJsonContext.Default.ModelManifest)!;
        await refresher.RefreshAsync(CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var scored = 0L;
        var callers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var row = new float[registry.State("heart").Entry!.Inputs.Count];
            var probability = new float[1];
            while (!stop.IsCancellationRequested)
            {
                using var lease = await registry.AcquireAsync("heart", CancellationToken.None);
                lease.Model.Score(row, 1, probability);
                Interlocked.Increment(ref scored);
            }
        })).ToArray();

        Console.WriteLine($"{"swaps",6} {"working set MB",15} {"GC heap MB",11} {"predictions",12}");
        Report(0, scored);
        for (var i = 1; i <= swaps; i++)
        {
            var models = manifest.Models.ToDictionary(m => m.Key, m => m.Key == "heart" ? m.Value with { Version = $"swap-{i}" } : m.Value);
            await manifestBlob.UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(manifest with { Models = models }, ModelManifestJsonContext.Default.ModelManifest)), overwrite: true);
            var summary = await refresher.RefreshAsync(CancellationToken.None);
            if (summary.Models.Single(m => m.Disease == "heart").Action != "swapped")
            {
                throw new InvalidOperationException($"swap {i} did not swap");
            }

            if (i % reportEvery == 0)
            {
                Report(i, Interlocked.Read(ref scored));
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(callers);
    }

    private static void Report(int swaps, long predictions)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"{swaps,6} {process.WorkingSet64 / 1048576.0,15:F1} {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,11:F1} {predictions,12}");
    }

    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No ping in this benchmark.");
    }
}
