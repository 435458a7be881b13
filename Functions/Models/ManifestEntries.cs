using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Functions.Models;

/// <summary>
/// Checks a manifest entry before anything is downloaded for it. The manifest is read whole, but each
/// disease's entry is judged on its own: a bad one (null, naming another disease, missing fields) is
/// refused for that disease alone, and a key naming a disease this app does not serve is ignored.
/// </summary>
internal static class ManifestEntries
{
    /// <summary>A key echoed in a health note is at most this long.</summary>
    private const int MaxEchoedKeyChars = 40;

    /// <summary>Null when <paramref name="entry"/> can be loaded as <paramref name="disease"/>'s model; otherwise what is wrong.</summary>
    public static string? Problem(string disease, ModelEntry? entry)
    {
        if (entry is null)
        {
            return $"the manifest's entry for {disease} is null";
        }

        if (entry.Disease != disease)
        {
            return $"the manifest's entry under {disease} names another disease";
        }

        List<string> missing = [];
        Require(!string.IsNullOrWhiteSpace(entry.Name), "name");
        Require(!string.IsNullOrWhiteSpace(entry.Version), "version");
        Require(!string.IsNullOrWhiteSpace(entry.BlobPath), "blobPath");
        Require(entry.Sha256 is { Length: 64 }, "sha256 (64 hex digits)");
        Require(entry.Size > 0, "size");
        Require(entry.Inputs is { Count: > 0 } inputs && inputs.All(name => !string.IsNullOrEmpty(name)), "inputs");
        Require(!string.IsNullOrWhiteSpace(entry.Output), "output");
        Require(entry.TrainingData is not null, "trainingData");
        Require(entry.Metrics is not null, "metrics");
        return missing.Count == 0 ? null : $"the manifest's entry for {disease} lacks {string.Join(", ", missing)}";

        void Require(bool present, string field)
        {
            if (!present)
            {
                missing.Add(field);
            }
        }
    }

    /// <summary>The manifest's keys that name no disease of this app (shortened), in order.</summary>
    public static IReadOnlyList<string> UnknownDiseases(ModelManifest manifest) =>
        [.. manifest.Models.Keys
            .Where(key => !DiseaseCatalog.TryGet(key, out _))
            .Select(key => key.Length <= MaxEchoedKeyChars ? key : key[..MaxEchoedKeyChars] + "…")
            .Order(StringComparer.Ordinal)];
}
