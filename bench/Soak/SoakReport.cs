using System.Globalization;
using System.Text;
using ScottPlot;

namespace HealthOracle.Soak;

/// <summary>The soak's table (bench/results/soak.md) and plot (bench/results/soak.png).</summary>
internal static class SoakReport
{
    /// <summary>
    /// The GC heap (MB) per sample from dotnet-counters' CSV: the legacy <c>gc-heap-size</c> counter or the
    /// .NET 9+ meter's heap size, whichever the runtime publishes, keyed by seconds since the first row.
    /// </summary>
    public static IReadOnlyList<(double Seconds, double Megabytes)> GcHeapSeries(string csv)
    {
        if (!File.Exists(csv))
        {
            return [];
        }

        var rows = File.ReadLines(csv).Skip(1)
            .Select(line => line.Split(','))
            .Where(cells => cells.Length >= 5 && (cells[2].Contains("GC Heap Size", StringComparison.OrdinalIgnoreCase) || cells[2].Contains("gc.last_collection.heap.size", StringComparison.OrdinalIgnoreCase)))
            .Select(cells => (Time: DateTime.Parse(cells[0], CultureInfo.InvariantCulture), Counter: cells[2], Value: double.Parse(cells[^1], CultureInfo.InvariantCulture)))
            .ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        // The meter reports bytes per generation: sum a timestamp's generations; the legacy counter is MB already.
        var first = rows[0].Time;
        return [.. rows.GroupBy(r => r.Time).OrderBy(g => g.Key).Select(g => (
            (g.Key - first).TotalSeconds,
            g.First().Counter.Contains("MB", StringComparison.Ordinal) ? g.Max(r => r.Value) : g.Sum(r => r.Value) / (1024 * 1024)))];
    }

    public static string Write(string folder, IReadOnlyList<Sample> samples, IReadOnlyList<(double Seconds, double Megabytes)> heap, SoakLoad load, double minutes, int concurrency)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"# Soak: {minutes:0.#} minutes through DevHost, concurrency {concurrency} (bench/soak.sh)");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"Finished {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on the shared 2-core machine. {load.Requests:N0} requests, {load.ServerErrors} answered 5xx, {load.TransportErrors} transport errors.");
        table.AppendLine("The worker's resident set from /proc every 10 s; its GC heap from dotnet-counters (System.Runtime) every 10 s, matched to the nearest sample.");
        table.AppendLine();
        table.AppendLine("| t (s) | worker RSS (MB) | GC heap (MB) | requests so far | 5xx + transport errors so far |");
        table.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var sample in samples)
        {
            var gc = Nearest(heap, sample.Seconds);
            table.AppendLine(CultureInfo.InvariantCulture, $"| {sample.Seconds:0} | {sample.RssMb:0.0} | {(gc is { } mb ? mb.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {sample.Requests:N0} | {sample.Failures} |");
        }

        table.AppendLine();
        table.AppendLine("Answers by kind and status:");
        table.AppendLine();
        table.AppendLine("| kind | status | count |");
        table.AppendLine("|---|---:|---:|");
        foreach (var (key, count) in load.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var split = key.LastIndexOf(' ');
            var status = key.EndsWith("transport error", StringComparison.Ordinal) ? "transport error" : key[(split + 1)..];
            var kind = key.EndsWith("transport error", StringComparison.Ordinal) ? key[..^" transport error".Length] : key[..split];
            table.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {status} | {count:N0} |");
        }

        File.WriteAllText(Path.Combine(folder, "soak.md"), table.ToString());

        var plot = new Plot();
        var rss = plot.Add.Scatter(samples.Select(s => s.Seconds / 60).ToArray(), samples.Select(s => s.RssMb).ToArray());
        rss.LegendText = "worker resident set (MB)";
        if (heap.Count > 0)
        {
            var gc = plot.Add.Scatter(heap.Select(h => h.Seconds / 60).ToArray(), heap.Select(h => h.Megabytes).ToArray());
            gc.LegendText = "worker GC heap (MB)";
        }

        plot.Title($"Soak through DevHost: {load.Requests:N0} requests, {load.ServerErrors} 5xx");
        plot.XLabel("minutes");
        plot.YLabel("MB");
        plot.Axes.SetLimitsY(0, Math.Max(samples.Max(s => double.IsNaN(s.RssMb) ? 0 : s.RssMb), heap.Count > 0 ? heap.Max(h => h.Megabytes) : 0) * 1.2);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(Path.Combine(folder, "soak.png"), 900, 500);
        return table.ToString();
    }

    private static double? Nearest(IReadOnlyList<(double Seconds, double Megabytes)> heap, double seconds) =>
        heap.Count == 0 ? null : heap.MinBy(h => Math.Abs(h.Seconds - seconds)).Megabytes;
}
