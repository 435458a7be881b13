using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using HealthOracle.Bench;
using System.Diagnostics;

if (args is ["--working-set"])
{
    await WorkingSet.RunAsync();
    return;
}

if (args is ["--swaps", var count])
{
    await SwapMemory.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), reportEvery: 100);
    return;
}

// In process: the benchmarks call the app's internals, and a child build per run would cost minutes on this machine.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15).AsDefault())
    .AddColumn(StatisticColumn.Median)
    .WithArtifactsPath(Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(PredictionBenchmarks).Assembly).Run(args, config);

/// <summary>The process's working set before and after loading every model.</summary>
internal static class WorkingSet
{
    public static async Task RunAsync()
    {
        await using var host = await BenchHost.StartAsync();
        using var registry = host.NewRegistry();
        var before = Measure();
        foreach (var disease in HealthOracle.Diseases.DiseaseCatalog.Keys)
        {
            (await registry.AcquireAsync(disease, CancellationToken.None)).Dispose();
        }

        var after = Measure();
        Console.WriteLine($"working set: {before / 1048576.0:F1} MB before loading, {after / 1048576.0:F1} MB with every model loaded (+{(after - before) / 1048576.0:F1} MB)");
    }

    private static long Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
