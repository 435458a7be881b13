using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Training;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Reporting;

namespace HealthOracle.Training.Commands;

/// <summary><c>train [disease…] --data &lt;folder&gt; [--download] [--out models] [--version v]</c>.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var diseases = new Argument<string[]>("disease")
        {
            Description = $"Diseases to train ({string.Join(", ", DiseaseCatalog.Keys)}); all of them when none is given.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        diseases.AcceptOnlyFromAmong([.. DiseaseCatalog.Keys]);
        var data = new Option<DirectoryInfo>("--data")
        {
            Description = "Folder of the public data sets (default: $HEALTHORACLE_DATASETS, else ../shared/datasets).",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.GetEnvironmentVariable("HEALTHORACLE_DATASETS") is { Length: > 0 } d ? d : Path.Combine("..", "shared", "datasets")),
        };
        var download = new Option<bool>("--download") { Description = "Fetch missing data sets from their canonical addresses (SHA-256 checked)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "The models folder to write.", DefaultValueFactory = _ => new DirectoryInfo("models") };
        var version = new Option<string>("--version")
        {
            Description = "Version of the trained models (default: today's UTC date, yyyy.MM.dd).",
            DefaultValueFactory = _ => DateTime.UtcNow.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
        };
        var replicates = new Option<int>("--replicates")
        {
            Description = "Bootstrap replicates for each model's 95% intervals (half as many more validate their coverage); the published models use 200.",
            DefaultValueFactory = _ => 200,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Replicates fitted at once (default: the processor count); the models do not depend on it.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("train", "Train, cross-validate, export to ONNX and document the disease models.") { diseases, data, download, output, version, replicates, threads };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var selected = parse.GetValue(diseases) is { Length: > 0 } chosen ? chosen : [.. DiseaseCatalog.Keys];
            var options = new TrainingOptions(parse.GetValue(output)!.FullName, parse.GetValue(version)!)
            {
                Replicates = parse.GetValue(replicates),
                ValidationReplicates = parse.GetValue(replicates) / 2,
                Threads = Math.Max(1, parse.GetValue(threads)),
            };
            return await RunAsync(selected, parse.GetValue(data)!.FullName, parse.GetValue(download), options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string[] diseases, string dataFolder, bool download, TrainingOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var progress = Progress.Console;
        try
        {
            if (download)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
                foreach (var dataset in diseases.Select(d => DiseaseCatalog.Get(d).Training.Source).OfType<PublicDataSource>())
                {
                    await progress.StepAsync($"fetching {dataset.DownloadUri.AbsoluteUri}", () => new DatasetDownloader(http).EnsureAsync(dataset, dataFolder, cancellationToken));
                }
            }

            var run = new TrainingRun(options, progress);
            var entries = diseases.Select(d => run.Train(d, TrainingSources.Load(d, dataFolder)).Entry).ToArray();
            ManifestStore.Update(options.ModelsFolder, entries);
            progress.Info($"Trained {entries.Length} model(s) in {clock.Elapsed.TotalSeconds:0.0} s; manifest: {ManifestStore.PathIn(options.ModelsFolder)}");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or HttpRequestException)
        {
            Console.Error.WriteLine($"train failed: {e.Message}");
            return 1;
        }
    }
}
