using Azure;
using HealthOracle.Functions.Models;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// The warm-up's work, shared by the timer and the refresh endpoint: read the manifest conditionally
/// (ETag), load the preloaded models that are missing, load a newly named version beside the served one
/// and swap it in (or refuse it and keep the old), then ping. One refresh runs at a time.
/// </summary>
internal sealed class ModelRefresher(
    IModelStore store,
    ModelRegistry registry,
    IOptions<WarmUpOptions> options,
    IHttpClientFactory httpClients,
    TimeProvider time,
    ILogger<ModelRefresher> logger) : IDisposable
{
    public const string PingClient = "warmup-ping";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ETag? _etag;
    private ModelManifest? _manifest;

    public Task<RefreshSummary> RefreshAsync(CancellationToken cancellationToken) => RefreshAsync(ping: true, cancellationToken);

    /// <param name="ping">Whether to GET <c>WarmUp:PingUrl</c>; not from an instance that is serving requests, which is warm already.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    public async Task<RefreshSummary> RefreshAsync(bool ping, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var startedUtc = time.GetUtcNow();
            var started = time.GetTimestamp();
            var (manifestState, changed) = await ReadManifestAsync(cancellationToken);
            var preload = options.Value.PreloadSet;
            var items = new List<RefreshItem>();
            foreach (var disease in DiseaseCatalog.Keys)
            {
                items.Add(await RefreshOneAsync(disease, preload.Contains(disease), changed, cancellationToken));
                registry.MarkRefreshed(disease, time.GetUtcNow());
            }

            var pingStatus = ping ? await PingAsync(cancellationToken) : null;
            var summary = new RefreshSummary(startedUtc, manifestState, items, pingStatus, Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1));
            Log.Summary(logger, summary);
            return summary;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(string State, bool Changed)> ReadManifestAsync(CancellationToken cancellationToken)
    {
        try
        {
            var read = await store.ReadManifestAsync(_manifest is null ? null : _etag, cancellationToken);
            if (read.IsNotModified)
            {
                return ("unchanged", false);
            }

            (_manifest, _etag) = (read.Manifest, read.ETag);
            registry.NoteManifest(read.Manifest!);
            return ("read", true);
        }
        catch (ModelUnavailableException e)
        {
            // Keep serving what is loaded; the last manifest we read still tells what to preload.
            return ("unavailable: " + e.ReasonText, false);
        }
    }

    /// <summary>One disease's refresh; whatever goes wrong with it, the other diseases are still refreshed.</summary>
    private async Task<RefreshItem> RefreshOneAsync(string disease, bool preload, bool manifestChanged, CancellationToken cancellationToken)
    {
        try
        {
            return await RefreshAsync(disease, preload, manifestChanged, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RefreshFailed(logger, disease, e);
            return new RefreshItem(disease, "failed", null, registry.State(disease).Entry?.Version, "unexpected error: " + e.GetType().Name, 0);
        }
    }

    private async Task<RefreshItem> RefreshAsync(string disease, bool preload, bool manifestChanged, CancellationToken cancellationToken)
    {
        var state = registry.State(disease);
        var current = state.Entry;
        if (_manifest is null || !_manifest.Models.TryGetValue(disease, out var entry))
        {
            return new RefreshItem(disease, current is null ? "skipped" : "unchanged", current?.Version, null, _manifest is null ? null : "not in the manifest", 0);
        }

        if (ManifestEntries.Problem(disease, entry) is not null)
        {
            // A bad entry is this disease's alone: refused without a download (the registry records why, for
            // health), and a served model keeps serving.
            return await SwapAsync(disease, entry, current, cancellationToken);
        }

        if (current is null && !preload)
        {
            return new RefreshItem(disease, "skipped", null, null, null, 0);
        }

        if (current is not null && current.Version == entry.Version && current.Sha256 == entry.Sha256)
        {
            registry.ClearRefusal(disease);
            return new RefreshItem(disease, "unchanged", entry.Version, null, null, 0);
        }

        if (current is not null && !manifestChanged && state.Refused is { } refused && refused.Version == entry.Version)
        {
            // Refused already and the manifest has not changed since: do not download it again every run.
            return new RefreshItem(disease, "refused", entry.Version, current.Version, refused.Reason, 0);
        }

        return await SwapAsync(disease, entry, current, cancellationToken);
    }

    private async Task<RefreshItem> SwapAsync(string disease, ModelEntry? entry, ModelEntry? current, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            await registry.SwapInAsync(disease, entry, cancellationToken);
            return new RefreshItem(disease, current is null ? "loaded" : "swapped", entry!.Version, current?.Version, null, Elapsed(started));
        }
        catch (ModelUnavailableException e)
        {
            var action = e.Reason == ModelUnavailableReason.StorageUnreachable ? "failed" : "refused";
            var reason = e.Reason == ModelUnavailableReason.ManifestInvalid ? $"{e.ReasonText}: {e.Message}" : e.ReasonText;
            return new RefreshItem(disease, action, entry?.Version, current?.Version, reason, Elapsed(started));
        }
    }

    private async Task<int?> PingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PingUrl is not { Length: > 0 } url)
        {
            return null;
        }

        try
        {
            using var response = await httpClients.CreateClient(PingClient).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.PingFailed(logger, e.GetType().Name);
            return 0;
        }
    }

    private double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);

    public void Dispose() => _gate.Dispose();
}
