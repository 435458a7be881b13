using HealthOracle.Functions.Models.Manifest;
using HealthOracle.Functions.Predictions.Schema;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Models;

/// <summary>
/// The instance's models: one slot per disease, created once and kept for the life of the instance
/// (the registry is a singleton, so a slot has a static field's lifetime). No model loads at start-up.
/// The first caller of a disease starts one load that every concurrent caller shares; a failed load is
/// dropped so that the next call tries again. A loaded model keeps serving whatever storage does.
/// </summary>
internal sealed class ModelRegistry(IModelStore store, ModelLoader loader, TimeProvider time, ILogger<ModelRegistry> logger) : IDisposable
{
    private readonly Dictionary<string, ModelSlot> _slots = DiseaseSchemas.All.ToDictionary(s => s.Disease, s => new ModelSlot(s.Disease));
    private readonly CancellationTokenSource _disposing = new();

    public IEnumerable<ModelSlot> Slots => _slots.Values;

    public ModelSlot Slot(string disease) => _slots[disease];

    /// <summary>Leases the disease's current model, loading it first if this instance has none yet.</summary>
    /// <exception cref="ModelUnavailableException">The model cannot be loaded right now.</exception>
    public async ValueTask<ModelLease> AcquireAsync(string disease, CancellationToken cancellationToken)
    {
        var slot = _slots[disease];
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

            var load = slot.Loading;
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

    /// <summary>Reads the manifest and loads the disease's entry (used by a first call).</summary>
    private async Task<LoadedModel> FirstLoadAsync(ModelSlot slot)
    {
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

            Log.ModelLoaded(logger, slot.Disease, entry.Version, model.LoadMilliseconds, entry.Size);
            slot.Loading = null;
            return model;
        }
        catch (ModelUnavailableException e)
        {
            Log.ModelLoadFailed(logger, slot.Disease, e.Reason, e);
            throw WithDisease(e, slot.Disease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ModelLoadFailed(logger, slot.Disease, ModelUnavailableReason.Corrupt, e);
            throw new ModelUnavailableException(slot.Disease, ModelUnavailableReason.Corrupt, "The model could not be loaded.", e);
        }
    }

    /// <summary>
    /// Loads <paramref name="entry"/> beside the served model, verifies it and swaps it in atomically.
    /// Requests in flight finish on their lease of the old model, which is disposed after the last one.
    /// </summary>
    /// <exception cref="ModelUnavailableException">The candidate was refused; the old model keeps serving.</exception>
    public async Task<LoadedModel> SwapInAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        var slot = _slots[entry.Disease];
        LoadedModel candidate;
        try
        {
            candidate = await loader.LoadAsync(entry, cancellationToken);
        }
        catch (ModelUnavailableException e)
        {
            // Storage being down says nothing about the candidate; anything else is a verdict on it.
            if (e.Reason != ModelUnavailableReason.StorageUnreachable)
            {
                slot.Refused = new RefusedModel(entry.Version, e.ReasonText, time.GetUtcNow());
            }

            throw WithDisease(e, entry.Disease);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            slot.Refused = new RefusedModel(entry.Version, ModelUnavailableException.Describe(ModelUnavailableReason.Corrupt), time.GetUtcNow());
            throw new ModelUnavailableException(entry.Disease, ModelUnavailableReason.Corrupt, "The model could not be loaded.", e);
        }

        var old = Interlocked.Exchange(ref slot.Current, candidate);
        slot.Refused = null;
        old?.Retire();
        return candidate;
    }

    public static ModelEntry Entry(ModelManifest manifest, string disease) =>
        manifest.Models.TryGetValue(disease, out var entry) && entry.Disease == disease
            ? entry
            : throw new ModelUnavailableException(disease, ModelUnavailableReason.NotInManifest, "The manifest names no model for this disease.");

    private static ModelUnavailableException WithDisease(ModelUnavailableException e, string disease) =>
        e.Disease == disease ? e : new ModelUnavailableException(disease, e.Reason, e.Message, e.InnerException);

    public void Dispose()
    {
        _disposing.Cancel();
        foreach (var slot in _slots.Values)
        {
            Interlocked.Exchange(ref slot.Current, null)?.Retire();
        }

        _disposing.Dispose();
    }
}

/// <summary>One disease's place in the registry.</summary>
internal sealed class ModelSlot(string disease)
{
    public string Disease { get; } = disease;

    /// <summary>The served model; replaced atomically by a swap.</summary>
    public LoadedModel? Current;

    /// <summary>The first load in progress, shared by concurrent first callers.</summary>
    public Lazy<Task<LoadedModel>>? Loading;

    /// <summary>The last candidate a refresh refused, while the old version keeps serving.</summary>
    public volatile RefusedModel? Refused;

    /// <summary>When a refresh last looked at this disease (ticks of UTC; 0 = never).</summary>
    public long LastRefreshUtcTicks;

    public DateTimeOffset? LastRefreshUtc => Volatile.Read(ref LastRefreshUtcTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}

/// <summary>A candidate version that a refresh refused, and why.</summary>
internal sealed record RefusedModel(string Version, string Reason, DateTimeOffset RefusedAtUtc);
