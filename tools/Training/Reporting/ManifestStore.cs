using System.Text.Json;
using HealthOracle.Functions.Models.Manifest;

namespace HealthOracle.Training.Reporting;

/// <summary>Reads and writes models/manifest.json with the app's own source-generated contract.</summary>
internal static class ManifestStore
{
    public static string PathIn(string modelsFolder) => Path.Combine(modelsFolder, ModelManifest.BlobName);

    public static ModelManifest Read(string modelsFolder)
    {
        var path = PathIn(modelsFolder);
        if (!File.Exists(path))
        {
            return new ModelManifest(ModelManifest.CurrentSchemaVersion, new Dictionary<string, ModelEntry>());
        }

        return JsonSerializer.Deserialize(File.ReadAllBytes(path), ModelManifestJsonContext.Default.ModelManifest)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Replaces the given diseases' entries, keeping the others, in a stable order.</summary>
    public static void Update(string modelsFolder, IEnumerable<ModelEntry> entries)
    {
        var models = new SortedDictionary<string, ModelEntry>(Read(modelsFolder).Models.ToDictionary(), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            models[entry.Disease] = entry;
        }

        var manifest = new ModelManifest(ModelManifest.CurrentSchemaVersion, models);
        Directory.CreateDirectory(modelsFolder);
        File.WriteAllText(PathIn(modelsFolder), JsonSerializer.Serialize(manifest, ModelManifestJsonContext.Default.ModelManifest) + "\n");
    }
}
