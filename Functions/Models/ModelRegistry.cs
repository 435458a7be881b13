using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Models;

/// <summary>
/// The instance's models: one slot per disease, created once and kept for the life of the instance
/// (the registry is a singleton, so a slot has a static field's lifetime). No model loads at start-up.
/// The first caller of a disease starts one load that every concurrent caller shares; a failed load is
/// dropped so that the next call tries again. A loaded model keeps serving whatever storage does.
/// </summary>
/// <remarks>
/// The registry alone reads and writes its slots: callers lease a model, swap in a new version, mark a
/// refresh, and read a <see cref="ModelState"/> snapshot. Every slot field is written with an atomic
/// exchange or a volatile write, and read with a volatile read, so no lock is needed.
/// </remarks>
internal sealed class ModelRegistry(IModelStore store, ModelLoader loader, TimeProvider time, ILogger<ModelRegistry> logger) : IDisposable
{
    private readonly Dictionary<string, Slot> _slots = DiseaseCatalog.All.ToDictionary(d => d.Key, d => new Slot(d.Key), StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();

    /// <summary>Every disease's state on this instance, in catalog order.</summary>
    public IReadOnlyList<ModelState> Snapshot() => [.. _slots.Values.Select(s => s.State())];

    /// <summary>One disease's state on this instance.</summary>
    public ModelState State(string disease) => SlotOf(disease).State();

    /// <summary>Leases the disease's current model, loading it first if this instance has none yet.</summary>
    /// <exception cref="ModelUnavailableException">The model cannot be loaded right now.</exception>
    public async ValueTask<ModelLease> AcquireAsync(string disease, CancellationToken cancellationToken)
    {
        var slot = SlotOf(disease);
        while (true)
        {
            if (Volatile.Read(ref slot.Current) is { } current)
            {
                if (current.TryAcquire())
                {
                    return new ModelLease(current);
                }

                // Retired and disposed between the read and the acquire: the slot already holds its successor.
                continue;
            }

            var load = Volatile.Read(ref slot.Loading);
            if (load is null)
            {
                var fresh = new Lazy<Task<LoadedModel>>(() => FirstLoadAsync(slot));
                load = Interlocked.CompareExchange(ref slot.Loading, fresh, null) ?? fresh;
            }

            try
            {
                // The shared load runs on the registry's token: one caller giving up does not cancel it for the rest.
                await load.Value.WaitAsync(cancellationToken);
            }
            catch when (load.Value.IsFaulted)
            {
                // A Lazy keeps its failure forever: clear the slot so that the next call loads again.
                Interlocked.CompareExchange(ref slot.Loading, null, load);
                throw;
            }
        }
    }

    /// <summary>
    /// Loads <paramref name="entry"/> beside the served model, verifies it and swaps it in atomically.
    /// Requests in flight finish on their lease of the old model, which is disposed after the last one.
    /// A candidate refused for what it is (not for storage being down) is remembered until a later swap.
    /// </summary>
    /// <exception cref="ModelUnavailableException">The candidate was refused; the old model keeps serving.</exception>
    public async Task<ModelEntry> SwapInAsync(string disease, ModelEntry entry, CancellationToken cancellationToken)
    {
        var slot = SlotOf(disease);
        using var telemetry = ModelLoadTelemetry.Start(disease, candidate: true);
        LoadedModel candidate;
        try
        {
            if (entry.Disease != disease)
            {
                throw new ModelUnavailableException(disease, ModelUnavailableReason.ManifestInvalid, "The manifest's entry names another disease.");
            }

            candidate = await loader.LoadAsync(entry, cancellationToken);
        }
        catch (ModelUnavailableException e)
        {
            telemetry.Unavailable(e.Reason);
            // Storage being down says nothing about the candidate; anything else is a verdict on it.
            if (e.Reason != ModelUnavailableReason.StorageUnreachable)
            {
                slot.Refused = new RefusedModel(entry.Version, e.ReasonText, time.GetUtcNow());
            }

            throw WithDisease(e, disease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Unavailable(ModelUnavailableReason.Corrupt);
            slot.Refused = new RefusedModel(entry.Version, ModelUnavailableException.Describe(ModelUnavailableReason.Corrupt), time.GetUtcNow());
            throw new ModelUnavailableException(disease, ModelUnavailableReason.Corrupt, "The model could not be loaded.", e);
        }

        var old = Interlocked.Exchange(ref slot.Current, candidate);
        slot.Refused = null;
        telemetry.Succeeded(candidate.Entry.Version);
        if (old is not null)
        {
            ModelLoadTelemetry.Swapped(disease);
        }

        old?.Retire();
        return candidate.Entry;
    }

    /// <summary>Records that a refresh looked at <paramref name="disease"/> now.</summary>
    public void MarkRefreshed(string disease, DateTimeOffset atUtc) => Interlocked.Exchange(ref SlotOf(disease).LastRefreshUtcTicks, atUtc.UtcTicks);

    /// <summary>Forgets a refused candidate: the manifest serves the loaded version again.</summary>
    public void ClearRefusal(string disease) => SlotOf(disease).Refused = null;

    public static ModelEntry Entry(ModelManifest manifest, string disease) =>
        manifest.Models.TryGetValue(disease, out var entry) && entry is not null && entry.Disease == disease
            ? entry
            : throw new ModelUnavailableException(disease, ModelUnavailableReason.NotInManifest, "The manifest names no model for this disease.");

    public void Dispose()
    {
        _disposing.Cancel();
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Retire();
        }

        _disposing.Dispose();
    }

    /// <summary>Reads the manifest and loads the disease's entry (used by a first call).</summary>
    private async Task<LoadedModel> FirstLoadAsync(Slot slot)
    {
        using var telemetry = ModelLoadTelemetry.Start(slot.Disease, candidate: false);
        try
        {
            var read = await store.ReadManifestAsync(null, _disposing.Token);
            var entry = Entry(read.Manifest!, slot.Disease);
            var model = await loader.LoadAsync(entry, _disposing.Token);
            if (Interlocked.CompareExchange(ref slot.Current, model, null) is { } other)
            {
                // A refresh installed a model meanwhile; keep that one.
                model.Retire();
                model = other;
            }

            telemetry.Succeeded(entry.Version);
            Log.ModelLoaded(logger, slot.Disease, entry.Version, model.LoadMilliseconds, entry.Size);
            Volatile.Write(ref slot.Loading, null);
            return model;
        }
        catch (ModelUnavailableException e)
        {
            telemetry.Unavailable(e.Reason);
            Log.ModelLoadFailed(logger, slot.Disease, e.Reason, e);
            throw WithDisease(e, slot.Disease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Unavailable(ModelUnavailableReason.Corrupt);
            Log.ModelLoadFailed(logger, slot.Disease, ModelUnavailableReason.Corrupt, e);
            throw new ModelUnavailableException(slot.Disease, ModelUnavailableReason.Corrupt, "The model could not be loaded.", e);
        }
    }

    private Slot SlotOf(string disease) =>
        _slots.TryGetValue(disease, out var slot) ? slot : throw new ArgumentOutOfRangeException(nameof(disease), disease, "Unknown disease.");

    private static ModelUnavailableException WithDisease(ModelUnavailableException e, string disease) =>
        e.Disease == disease ? e : new ModelUnavailableException(disease, e.Reason, e.Message, e.InnerException);

    /// <summary>One disease's place in the registry; only the registry touches its fields.</summary>
    private sealed class Slot(string disease)
    {
        public readonly string Disease = disease;

        /// <summary>The served model; replaced atomically by a swap.</summary>
        public LoadedModel? Current;

        /// <summary>The first load in progress, shared by concurrent first callers.</summary>
        public Lazy<Task<LoadedModel>>? Loading;

        /// <summary>The last candidate a refresh refused, while the old version keeps serving.</summary>
        public volatile RefusedModel? Refused;

        /// <summary>When a refresh last looked at this disease (ticks of UTC; 0 = never).</summary>
        public long LastRefreshUtcTicks;

        public ModelState State()
        {
            var current = Volatile.Read(ref Current);
            var refreshed = Volatile.Read(ref LastRefreshUtcTicks);
            return new ModelState(
                Disease,
                Volatile.Read(ref Loading) is not null,
                current?.Entry,
                current?.LoadedAtUtc,
                current?.LoadMilliseconds,
                Refused,
                refreshed > 0 ? new DateTimeOffset(refreshed, TimeSpan.Zero) : null);
        }
    }
}

/// <summary>A snapshot of one disease's model on this instance.</summary>
/// <param name="Disease">The disease's key.</param>
/// <param name="Loading">True while a first load is in progress.</param>
/// <param name="Entry">The served model's manifest entry, or null when none is loaded.</param>
/// <param name="LoadedAtUtc">When the served model was loaded.</param>
/// <param name="LoadMilliseconds">How long its load took.</param>
/// <param name="Refused">The last candidate a refresh refused, or null.</param>
/// <param name="LastRefreshUtc">When a refresh last looked at this disease, or null.</param>
internal sealed record ModelState(
    string Disease,
    bool Loading,
    ModelEntry? Entry,
    DateTimeOffset? LoadedAtUtc,
    double? LoadMilliseconds,
    RefusedModel? Refused,
    DateTimeOffset? LastRefreshUtc)
{
    public bool Loaded => Entry is not null;

    /// <summary>When the served model was last known current: the last refresh, or its load.</summary>
    public DateTimeOffset? FreshSinceUtc => LastRefreshUtc ?? LoadedAtUtc;
}

/// <summary>A candidate version that a refresh refused, and why.</summary>
internal sealed record RefusedModel(string Version, string Reason, DateTimeOffset RefusedAtUtc);
