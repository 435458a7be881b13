using Azure;
using HealthOracle.Functions.Models;
using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Functions.Tests.Models;

/// <summary>An in-memory model store that counts its reads and can be told to fail.</summary>
internal sealed class TestModelStore : IModelStore
{
    private readonly Dictionary<string, byte[]> _blobs = [];
    private ModelManifest? _manifest;
    private int _etag;

    public int ManifestReads;
    public int ManifestBodies;
    public int Downloads;

    public Func<ModelUnavailableException?>? Failure { get; set; }

    public TimeSpan Delay { get; set; }

    public void Publish(params (ModelEntry Entry, byte[] Bytes)[] models)
    {
        foreach (var (entry, bytes) in models)
        {
            _blobs[entry.BlobPath] = bytes;
        }

        var entries = new Dictionary<string, ModelEntry>(_manifest?.Models ?? new Dictionary<string, ModelEntry>());
        foreach (var (entry, _) in models)
        {
            entries[entry.Disease] = entry;
        }

        _manifest = new ModelManifest(ModelManifest.CurrentSchemaVersion, entries);
        _etag++;
    }

    /// <summary>Puts <paramref name="entry"/> (null too) under <paramref name="key"/> in the manifest, as a hand-edited manifest could.</summary>
    public void PublishEntry(string key, ModelEntry? entry)
    {
        var entries = new Dictionary<string, ModelEntry>(_manifest?.Models ?? new Dictionary<string, ModelEntry>()) { [key] = entry! };
        _manifest = new ModelManifest(ModelManifest.CurrentSchemaVersion, entries);
        _etag++;
    }

    public async Task<ManifestRead> ReadManifestAsync(ETag? ifNoneMatch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ManifestReads);
        await Task.Delay(Delay, cancellationToken);
        if (Failure?.Invoke() is { } failure)
        {
            throw failure;
        }

        var etag = new ETag($"\"{_etag}\"");
        if (ifNoneMatch == etag)
        {
            return ManifestRead.NotModified(etag);
        }

        Interlocked.Increment(ref ManifestBodies);
        return new ManifestRead(_manifest ?? throw new ModelUnavailableException("*", ModelUnavailableReason.ManifestMissing, "no manifest"), etag);
    }

    public async Task<byte[]> DownloadAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Downloads);
        await Task.Delay(Delay, cancellationToken);
        if (Failure?.Invoke() is { } failure)
        {
            throw failure;
        }

        return _blobs.TryGetValue(entry.BlobPath, out var bytes)
            ? bytes
            : throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.BlobMissing, "no blob");
    }
}
