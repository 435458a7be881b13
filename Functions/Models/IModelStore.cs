using Azure;
using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Functions.Models;

/// <summary>The blob store that holds the manifest and the model files.</summary>
internal interface IModelStore
{
    /// <summary>
    /// Reads <c>manifest.json</c>. With <paramref name="ifNoneMatch"/> the read is conditional and answers
    /// <see cref="ManifestRead.NotModified"/> (no body transferred) when the manifest has not changed.
    /// </summary>
    /// <exception cref="ModelUnavailableException">Storage unreachable, manifest missing or invalid.</exception>
    Task<ManifestRead> ReadManifestAsync(ETag? ifNoneMatch, CancellationToken cancellationToken);

    /// <summary>Downloads one model file whole.</summary>
    /// <exception cref="ModelUnavailableException">Storage unreachable or blob missing.</exception>
    Task<byte[]> DownloadAsync(ModelEntry entry, CancellationToken cancellationToken);
}

/// <summary>A manifest read: the manifest and its ETag, or "not modified".</summary>
internal sealed record ManifestRead(ModelManifest? Manifest, ETag ETag)
{
    public bool IsNotModified => Manifest is null;

    public static ManifestRead NotModified(ETag etag) => new(null, etag);
}
