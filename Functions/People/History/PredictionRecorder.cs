using System.Diagnostics;
using System.Text.Json;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.History;

/// <summary>
/// Keeps a signed-in person's prediction in their history, unless they asked not to (<c>?save=false</c>); an
/// anonymous caller's prediction is never stored. It observes the predictions as they are answered (Predictions
/// does not know it). Saving never costs the person their answer: when storage fails, the answer says it was not
/// saved and why, and nothing of it was written (one insert).
/// </summary>
/// A save sent with an <c>Idempotency-Key</c> was claimed before it was scored (<see cref="Idempotency.IdempotentSaves"/>):
/// the key is marked with the saved id in the save's own transaction, or given back when nothing was saved.
internal sealed class PredictionRecorder(PeopleStore store, ILogger<PredictionRecorder> logger) : IPredictionObserver
{
    public async ValueTask<HistoryNote?> OnAnsweredAsync(AnsweredPredictions answered, CancellationToken cancellationToken)
    {
        if (answered.Caller is not { } caller)
        {
            return null;
        }

        if (caller.FromAnotherSite)
        {
            return new HistoryNote(false, Reason: WriteOrigin.RefusedReason);
        }

        if (!answered.Options.Save)
        {
            return new HistoryNote(false, Reason: "You asked for this prediction not to be saved.");
        }

        if (answered.IsBatch)
        {
            return new HistoryNote(false, Reason: "Batches are not saved to a history; send one patient per call to keep it.");
        }

        var result = answered.Results[0];
        var started = Stopwatch.GetTimestamp();
        var keyHash = answered.Options.IdempotencyKey?.Hash;
        try
        {
            var saved = await store.SavePredictionAsync(caller, Entity(result, answered.TypedUnits), cancellationToken, keyHash);
            Log.PredictionSaved(logger, result.Disease, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new HistoryNote(true, saved.Id, saved.SavedAt);
        }
        catch (PeopleStoreUnavailableException e)
        {
            Log.PredictionNotSaved(logger, result.Disease, e.Reason.ToString());
            await ReleaseAsync(caller, keyHash);
            return new HistoryNote(false, Reason: PeopleProblems.NotSavedReason(e.Reason));
        }
        catch (HistoryBudgetException e)
        {
            Log.PredictionNotSaved(logger, result.Disease, e.Limit.ToString());
            await ReleaseAsync(caller, keyHash);
            return new HistoryNote(false, Reason: e.Message);
        }
    }

    /// <summary>Whether this request's prediction is to be saved: a signed-in person's, from this site, not declined, one patient.</summary>
    public static bool Saves(Caller? caller, PredictionOptions options, bool isBatch) =>
        caller is { FromAnotherSite: false } && options.Save && !isBatch;

    /// <summary>A key whose save did not happen is given back, so that a retry is answered anew (never with "in use" for a save that failed).</summary>
    private Task ReleaseAsync(Caller caller, string? keyHash) =>
        keyHash is null ? Task.CompletedTask : store.ReleaseKeyAsync(caller, keyHash, CancellationToken.None);

    private static PredictionEntity Entity(PredictionResult result, IReadOnlyDictionary<string, string>? typedUnits) => new()
    {
        Disease = result.Disease,
        Probability = result.Probability,
        RiskPercentage = result.RiskPercentage,
        Category = result.Category.ToString(),
        ModelName = result.Model.Name,
        ModelVersion = result.Model.Version,
        ModelSha256 = result.Model.Sha256,
        Synthetic = result.Model.Synthetic,
        Interval = result.Interval is null ? null : JsonSerializer.Serialize(result.Interval, PredictionJsonContext.Default.RiskInterval),
        Answer = JsonSerializer.Serialize(result, PredictionJsonContext.Default.PredictionResult),
        // Always written ({} when every value was in its field's unit): null stays the mark of a result saved before units were kept.
        TypedUnits = JsonSerializer.Serialize(typedUnits ?? new Dictionary<string, string>(), PeopleJsonContext.Default.IReadOnlyDictionaryStringString),
    };
}
