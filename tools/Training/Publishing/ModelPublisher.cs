using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Training.Publishing;

/// <summary>What a publish did, in upload order.</summary>
internal sealed record PublishResult(IReadOnlyList<string> Uploaded, IReadOnlyList<string> Unchanged);

/// <summary>
/// Uploads models/ to a blob container, mirroring its tree. Every model file goes first and the manifest
/// last, so a reader never sees a manifest naming a blob that is not there yet. A blob whose content MD5
/// already matches is left alone, so publishing twice uploads nothing. The container is created only when
/// it is missing (see <see cref="EnsureContainerAsync"/>).
/// </summary>
internal sealed class ModelPublisher(BlobContainerClient container, Progress progress)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".onnx"] = "application/octet-stream",
        [".json"] = "application/json",
        [".md"] = "text/markdown; charset=utf-8",
        [".png"] = "image/png",
    };

    public async Task<PublishResult> PublishAsync(string modelsFolder, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(modelsFolder, ModelManifest.BlobName);
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"{manifestPath} is missing: train first.", manifestPath);
        }

        var assumed = await EnsureContainerAsync(cancellationToken);
        var files = Directory.EnumerateFiles(modelsFolder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFullPath(f) != Path.GetFullPath(manifestPath))
            .Order(StringComparer.Ordinal)
            .Append(manifestPath)
            .ToArray();

        var uploaded = new List<string>();
        var unchanged = new List<string>();
        for (var i = 0; i < files.Length; i++)
        {
            var name = Path.GetRelativePath(modelsFolder, files[i]).Replace('\\', '/');
            var changed = await UploadIfChangedAsync(name, files[i], assumed, cancellationToken);

            (changed ? uploaded : unchanged).Add(name);
            progress.Info($"  [{i + 1}/{files.Length}] {name}: {(changed ? "uploaded" : "unchanged")}");
        }

        return new PublishResult(uploaded, unchanged);
    }

    /// <summary>
    /// Creates the container when it is missing. An identity granted a data role on the container alone may be
    /// refused (403) both the check and the creation; then the container is assumed to exist and the refusal
    /// is returned, to explain an upload that fails after all.
    /// </summary>
    private async Task<RequestFailedException?> EnsureContainerAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await container.ExistsAsync(cancellationToken))
            {
                await container.CreateAsync(cancellationToken: cancellationToken);
            }

            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created by someone else between the check and the creation.
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            return e;
        }
    }

    private async Task<bool> UploadIfChangedAsync(string name, string path, RequestFailedException? assumed, CancellationToken cancellationToken)
    {
        try
        {
            return await UploadIfChangedAsync(name, path, cancellationToken);
        }
        catch (RequestFailedException e) when (assumed is not null)
        {
            throw new RequestFailedException(e.Status,
                $"Uploading {name} failed ({e.Status} {e.ErrorCode}). The container {container.Name} could not be checked or created " +
                $"({assumed.Status} {assumed.ErrorCode}), so publish assumed it exists: create it, or grant this identity " +
                "Storage Blob Data Contributor on it (or on the account).",
                e.ErrorCode,
                e);
        }
    }

    private async Task<bool> UploadIfChangedAsync(string name, string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var md5 = MD5.HashData(bytes);
        var blob = container.GetBlobClient(name);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentHash is { } existing && existing.AsSpan().SequenceEqual(md5))
            {
                return false;
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not there yet: upload it.
        }

        var headers = new BlobHttpHeaders
        {
            ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream"),
            ContentHash = md5,
        };
        await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { HttpHeaders = headers }, cancellationToken);
        return true;
    }
}
