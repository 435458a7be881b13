using System.Text.Encodings.Web;
using System.Text.Json;
using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Training.Reporting;

/// <summary>Reads and writes models/manifest.json with the app's own source-generated contract.</summary>
internal static class ManifestStore
{
    // The app's contract and options (camelCase, indented), but readable: "GPL-2+" rather than "GPL-2\u002B".
    // The relaxed encoder is safe here because the file is never embedded in HTML or script.
    private static readonly ModelManifestJsonContext Writer = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

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
        File.WriteAllText(PathIn(modelsFolder), JsonSerializer.Serialize(manifest, Writer.ModelManifest) + "\n");
    }
}
