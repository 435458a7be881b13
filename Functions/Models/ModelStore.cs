using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HealthOracle.Diseases.Manifest;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace HealthOracle.Functions.Models;

/// <inheritdoc/>
/// <remarks>
/// The blob client is resolved on first use, not at construction: a missing <c>ModelStorage</c> setting
/// then shows as a 503 that says so, and never breaks <c>/api/health</c>.
/// </remarks>
internal sealed class ModelStore(Func<BlobServiceClient> blobs, IOptions<ModelStoreOptions> options) : IModelStore
{
    // A model is a few kilobytes; anything this large is not one of ours.
    private const long MaxModelBytes = 64L * 1024 * 1024;

    private BlobContainerClient? _container;

    /// <inheritdoc/>
    public async Task<ManifestRead> ReadManifestAsync(ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        var blob = Container().GetBlobClient(ModelManifest.BlobName);
        var download = new BlobDownloadOptions { Conditions = ifNoneMatch is { } condition ? new BlobRequestConditions { IfNoneMatch = condition } : null };
        try
        {
            var response = await blob.DownloadContentAsync(download, cancellationToken);
            if (response.GetRawResponse().Status == 304)
            {
                return ManifestRead.NotModified(ifNoneMatch!.Value);
            }

            var manifest = JsonSerializer.Deserialize(response.Value.Content.ToMemory().Span, ModelManifestJsonContext.Default.ModelManifest);
            if (manifest?.Models is null || manifest.SchemaVersion != ModelManifest.CurrentSchemaVersion)
            {
                throw new ModelUnavailableException("*", ModelUnavailableReason.ManifestInvalid, "The manifest has no models or an unknown schema version.");
            }

            return new ManifestRead(manifest, response.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 304 && ifNoneMatch is { } etag)
        {
            return ManifestRead.NotModified(etag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ModelUnavailableException("*", ModelUnavailableReason.ManifestMissing, "manifest.json was not found.", e);
        }
        catch (JsonException e)
        {
            throw new ModelUnavailableException("*", ModelUnavailableReason.ManifestInvalid, "manifest.json is not valid JSON for the manifest contract.", e);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "The model store could not be reached.", e);
        }
    }

    /// <inheritdoc/>
    public async Task<byte[]> DownloadAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Container().GetBlobClient(entry.BlobPath).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using var content = response.Value;
            var length = content.Details.ContentLength;
            if (length is < 0 or > MaxModelBytes)
            {
                throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.Corrupt, "The model file has an implausible size.");
            }

            // One allocation of the exact size: the session is built from this array.
            var bytes = new byte[length];
            await content.Content.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.BlobMissing, "The model file was not found.", e);
        }
        catch (Exception e) when (IsUnreachable(e, cancellationToken))
        {
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.StorageUnreachable, "The model store could not be reached.", e);
        }
    }

    private BlobContainerClient Container()
    {
        try
        {
            return _container ??= blobs().GetBlobContainerClient(options.Value.Container);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or UriFormatException)
        {
            throw new ModelUnavailableException("*", ModelUnavailableReason.NotConfigured, "The model store's connection is not configured.", e);
        }
    }

    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or AggregateException or HttpRequestException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
