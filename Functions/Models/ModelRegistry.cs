using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Models;

/// <summary>
/// The instance's models: one slot per disease, created once and kept for the life of the instance
/// (the registry is a singleton, so a slot has a static field's lifetime). No model loads at start-up.
/// The first caller of a disease starts one load that every concurrent caller shares, each waiting for it
/// at most <see cref="ModelStoreOptions.FirstLoadWait"/> (then 503 <c>StillLoading</c>, while the load goes
/// on); a failed load is dropped so that the next call tries again. A manifest entry is checked before
/// anything is downloaded for it (<see cref="ManifestEntries"/>), and what is wrong with a disease's entry
/// or model is kept for health. A loaded model keeps serving whatever storage does.
/// </summary>
/// <remarks>
/// The registry alone reads and writes its slots: callers lease a model, swap in a new version, mark a
/// refresh, and read a <see cref="ModelState"/> snapshot. Every slot field is written with an atomic
/// exchange or a volatile write, and read with a volatile read, so no lock is needed.
/// </remarks>
internal sealed class ModelRegistry(IModelStore store, ModelLoader loader, TimeProvider time, IOptions<ModelStoreOptions> options, ILogger<ModelRegistry> logger) : IDisposable
{
    private readonly Dictionary<string, Slot> _slots = DiseaseCatalog.All.ToDictionary(d => d.Key, d => new Slot(d.Key), StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private volatile IReadOnlyList<string> _unknownDiseases = [];

    /// <summary>The last manifest's keys that name no disease of this app (ignored; shown in health).</summary>
    public IReadOnlyList<string> UnknownManifestDiseases => _unknownDiseases;

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
                // The shared load runs on the registry's token: one caller giving up does not cancel it for the
                // rest. A caller waits for it a bounded time, well inside the function timeout; past that it is
                // told to come back (503 + Retry-After) while the load goes on for the next caller.
                await load.Value.WaitAsync(options.Value.FirstLoadWait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                Log.FirstLoadWaitExceeded(logger, disease, options.Value.FirstLoadWait.TotalSeconds);
                throw new ModelUnavailableException(disease, ModelUnavailableReason.StillLoading, "The model's first load has not finished yet.");
            }
            catch when (load.Value.IsFaulted || load.Value.IsCanceled)
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
    public async Task<ModelEntry> SwapInAsync(string disease, ModelEntry? entry, CancellationToken cancellationToken)
    {
        var slot = SlotOf(disease);
        using var telemetry = ModelLoadTelemetry.Start(disease, candidate: true);
        LoadedModel candidate;
        try
        {
            if (ManifestEntries.Problem(disease, entry) is { } problem)
            {
                // Judged without a download: the entry cannot be this disease's model.
                throw new ModelUnavailableException(disease, ModelUnavailableReason.ManifestInvalid, problem);
            }

            candidate = await loader.LoadAsync(entry!, cancellationToken);
        }
        catch (ModelUnavailableException e)
        {
            telemetry.Unavailable(e.Reason);
            // Storage being down says nothing about the candidate; anything else is a verdict on it.
            if (IsVerdict(e.Reason))
            {
                slot.Refused = new RefusedModel(entry?.Version, Verdict(e), time.GetUtcNow());
            }

            throw WithDisease(e, disease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Unavailable(ModelUnavailableReason.Corrupt);
            slot.Refused = new RefusedModel(entry?.Version, ModelUnavailableException.Describe(ModelUnavailableReason.Corrupt), time.GetUtcNow());
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

    /// <summary>The disease's entry in <paramref name="manifest"/>, checked (<see cref="ManifestEntries"/>).</summary>
    /// <exception cref="ModelUnavailableException">No entry (<c>NotInManifest</c>) or a bad one (<c>ManifestInvalid</c>, saying what is wrong).</exception>
    public static ModelEntry Entry(ModelManifest manifest, string disease)
    {
        if (!manifest.Models.TryGetValue(disease, out var entry))
        {
            throw new ModelUnavailableException(disease, ModelUnavailableReason.NotInManifest, "The manifest names no model for this disease.");
        }

        return ManifestEntries.Problem(disease, entry) is { } problem
            ? throw new ModelUnavailableException(disease, ModelUnavailableReason.ManifestInvalid, problem)
            : entry;
    }

    /// <summary>Remembers which of the manifest's keys this app does not serve (for health).</summary>
    public void NoteManifest(ModelManifest manifest) => _unknownDiseases = ManifestEntries.UnknownDiseases(manifest);

    public void Dispose()
    {
        _disposing.Cancel();
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Retire();
        }

        _disposing.Dispose();
    }

    /// <summary>
    /// Reads the manifest and loads the disease's entry (used by a first call), within
    /// <see cref="ModelStoreOptions.LoadTimeout"/>: a stalled store frees the slot for a later try.
    /// </summary>
    private async Task<LoadedModel> FirstLoadAsync(Slot slot)
    {
        using var telemetry = ModelLoadTelemetry.Start(slot.Disease, candidate: false);
        using var expiry = new CancellationTokenSource(options.Value.LoadTimeout, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token, expiry.Token);
        ModelEntry? entry = null;
        try
        {
            var read = await store.ReadManifestAsync(null, timeout.Token);
            NoteManifest(read.Manifest!);
            entry = Entry(read.Manifest!, slot.Disease);
            var model = await loader.LoadAsync(entry, timeout.Token);
            if (Interlocked.CompareExchange(ref slot.Current, model, null) is { } other)
            {
                // A refresh installed a model meanwhile; keep that one.
                model.Retire();
                model = other;
            }

            telemetry.Succeeded(entry.Version);
            Log.ModelLoaded(logger, slot.Disease, entry.Version, model.LoadMilliseconds, entry.Size);
            slot.Refused = null;
            return model;
        }
        catch (ModelUnavailableException e)
        {
            telemetry.Unavailable(e.Reason);
            Log.ModelLoadFailed(logger, slot.Disease, e.Reason, e);
            if (IsVerdict(e.Reason) && e.Reason != ModelUnavailableReason.NotInManifest)
            {
                // What is wrong with this disease's entry or model shows in health until a load succeeds.
                slot.Refused = new RefusedModel(entry?.Version, Verdict(e), time.GetUtcNow());
            }

            throw WithDisease(e, slot.Disease);
        }
        catch (OperationCanceledException e) when (!_disposing.IsCancellationRequested)
        {
            // The load's own time ran out (a stalled store): unreachable, and the next call tries again.
            telemetry.Unavailable(ModelUnavailableReason.StorageUnreachable);
            Log.ModelLoadFailed(logger, slot.Disease, ModelUnavailableReason.StorageUnreachable, e);
            throw new ModelUnavailableException(slot.Disease, ModelUnavailableReason.StorageUnreachable, "The model store did not answer in time.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Unavailable(ModelUnavailableReason.Corrupt);
            Log.ModelLoadFailed(logger, slot.Disease, ModelUnavailableReason.Corrupt, e);
            throw new ModelUnavailableException(slot.Disease, ModelUnavailableReason.Corrupt, "The model could not be loaded.", e);
        }
        finally
        {
            // Loaded, or failed and not cached: either way the next caller no longer waits on this load
            // (callers that gave up waiting on it are not there to clear it).
            Volatile.Write(ref slot.Loading, null);
        }
    }

    /// <summary>Whether a failure judges the entry or model (remembered), rather than storage or configuration (passing).</summary>
    private static bool IsVerdict(ModelUnavailableReason reason) => reason is not (
        ModelUnavailableReason.StorageUnreachable or ModelUnavailableReason.NotConfigured or ModelUnavailableReason.ManifestMissing or ModelUnavailableReason.StillLoading);

    /// <summary>The reason in words; for a bad manifest entry, with what is wrong with it.</summary>
    private static string Verdict(ModelUnavailableException e) =>
        e.Reason == ModelUnavailableReason.ManifestInvalid ? $"{e.ReasonText}: {e.Message}" : e.ReasonText;

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
/// <param name="Version">The refused entry's version; null when the entry had none (a null or incomplete entry).</param>
/// <param name="Reason">Why, in words (never health data).</param>
/// <param name="RefusedAtUtc">When.</param>
internal sealed record RefusedModel(string? Version, string Reason, DateTimeOffset RefusedAtUtc);
