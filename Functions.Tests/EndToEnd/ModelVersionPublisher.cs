using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// Publishes another version of one disease's model into the <c>models</c> container as the training tool
/// would: the model file under a new blob path, then <c>manifest.json</c> rewritten to name it.
/// </summary>
internal static class ModelVersionPublisher
{
    /// <summary>The served model's bytes under a new version: same SHA-256 and size, a new version and path.</summary>
    public static async Task PublishCopyAsync(string connectionString, string disease, string version)
    {
        var container = new BlobContainerClient(connectionString, "models");
        var (manifest, entry) = await ReadEntryAsync(container, disease);
        var bytes = (await container.GetBlobClient(entry["blobPath"]!.GetValue<string>()).DownloadContentAsync()).Value.Content;
        await PublishAsync(container, manifest, entry, version, bytes);
    }

    /// <summary>Bytes of the right size that do not match the manifest's SHA-256: a corrupt upload.</summary>
    public static async Task PublishCorruptAsync(string connectionString, string disease, string version)
    {
        var container = new BlobContainerClient(connectionString, "models");
        var (manifest, entry) = await ReadEntryAsync(container, disease);
        var bytes = BinaryData.FromBytes(RandomNumberGenerator.GetBytes(entry["size"]!.GetValue<int>()));
        await PublishAsync(container, manifest, entry, version, bytes);
    }

    /// <summary>Rewrites manifest.json with <paramref name="entry"/> (null too) under <paramref name="key"/>, as a hand edit could.</summary>
    public static async Task PublishEntryAsync(string connectionString, string key, Func<JsonNode, JsonNode?> entry)
    {
        var container = new BlobContainerClient(connectionString, "models");
        var manifest = JsonNode.Parse((await container.GetBlobClient("manifest.json").DownloadContentAsync()).Value.Content.ToString())!;
        var models = manifest["models"]!.AsObject();
        var existing = models.TryGetPropertyValue(key, out var current) && current is not null ? current.DeepClone() : models.First().Value!.DeepClone();
        models[key] = entry(existing);
        await container.GetBlobClient("manifest.json").UploadAsync(BinaryData.FromString(manifest.ToJsonString()), overwrite: true);
    }

    private static async Task<(JsonNode Manifest, JsonNode Entry)> ReadEntryAsync(BlobContainerClient container, string disease)
    {
        var manifest = JsonNode.Parse((await container.GetBlobClient("manifest.json").DownloadContentAsync()).Value.Content.ToString())!;
        return (manifest, manifest["models"]![disease]!);
    }

    private static async Task PublishAsync(BlobContainerClient container, JsonNode manifest, JsonNode entry, string version, BinaryData bytes)
    {
        var blobPath = $"{entry["disease"]!.GetValue<string>()}/{version}/model.onnx";
        await container.GetBlobClient(blobPath).UploadAsync(bytes, overwrite: true);
        entry["version"] = version;
        entry["blobPath"] = blobPath;
        await container.GetBlobClient("manifest.json").UploadAsync(BinaryData.FromString(manifest.ToJsonString()), overwrite: true);
    }
}
