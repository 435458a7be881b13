using System.Text.Json;

namespace HealthOracle.DevHost.Workers;

/// <summary>
/// What the host runs to start an isolated worker: <c>dotnet</c> (the one running DevHost when it is <c>dotnet</c>) and
/// the app's worker assembly. Linked by bench/coldstart/hosting-models/ColdHost, which starts workers the same way.
/// </summary>
internal static class WorkerCommand
{
    public static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? path
            : "dotnet";

    /// <summary>The worker's assembly in <paramref name="app"/>: <c>worker.config.json</c>'s <c>defaultWorkerPath</c>, else the one with a runtimeconfig.</summary>
    public static string WorkerAssembly(string app)
    {
        var config = Path.Combine(app, "worker.config.json");
        if (File.Exists(config))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(config));
            if (document.RootElement.TryGetProperty("description", out var description)
                && description.TryGetProperty("defaultWorkerPath", out var workerPath)
                && workerPath.GetString() is { Length: > 0 } assembly)
            {
                return assembly;
            }
        }

        return Directory.EnumerateFiles(app, "*.runtimeconfig.json").Select(f => Path.GetFileName(f).Replace(".runtimeconfig.json", ".dll", StringComparison.Ordinal)).First();
    }
}
