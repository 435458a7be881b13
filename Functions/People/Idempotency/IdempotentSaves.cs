using System.Text.Json;
using HealthOracle.Functions.Infrastructure.Idempotency;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Idempotency;

/// <summary>
/// A signed-in save sent with an <c>Idempotency-Key</c> is made at most once: before it is scored the key is claimed in
/// the person's partition (<see cref="PeopleStore.ClaimKeyAsync"/>), and a retry of the same request is answered with
/// the prediction the first one saved, saving nothing; another request with the key is a 422, one still being answered
/// a 409 (<see cref="IdempotencyKeyException"/>). <see cref="PredictionRecorder"/> marks the key when it saves, or gives it
/// back when the save fails; a request whose scoring fails gives it back here. docs/accounts.md.
/// </summary>
internal sealed class IdempotentSaves(PeopleStore store, ILogger<IdempotentSaves> logger) : IPredictionReplay
{
    public async ValueTask<PredictionResult[]?> ReplayAsync(RequestedPredictions requested, CancellationToken cancellationToken)
    {
        if (KeyOf(requested) is not { } key)
        {
            return null;
        }

        var caller = requested.Caller!;
        var savedId = await store.ClaimKeyAsync(caller, key.Hash, requested.Fingerprint, takeOver: false, cancellationToken);
        if (savedId is null)
        {
            return null;
        }

        if (await store.GetPredictionAsync(caller, savedId, cancellationToken) is { } saved
            && JsonSerializer.Deserialize(saved.Prediction.Answer, PredictionJsonContext.Default.PredictionResult) is { } answer)
        {
            Log.PredictionReplayed(logger, answer.Disease);
            return [answer with { History = new HistoryNote(true, savedId, saved.Prediction.SavedAt) }];
        }

        // The person deleted what the key saved: the key goes with it, and this request is answered (and saved) anew.
        await store.ClaimKeyAsync(caller, key.Hash, requested.Fingerprint, takeOver: true, cancellationToken);
        return null;
    }

    public async ValueTask AbandonAsync(RequestedPredictions requested)
    {
        if (KeyOf(requested) is { } key)
        {
            await store.ReleaseKeyAsync(requested.Caller!, key.Hash, CancellationToken.None);
        }
    }

    /// <summary>The request's key where it is honoured: a signed-in save (anywhere else a key has no effect).</summary>
    private static IdempotencyKey? KeyOf(RequestedPredictions requested) =>
        PredictionRecorder.Saves(requested.Caller, requested.Options, requested.IsBatch) ? requested.Options.IdempotencyKey : null;
}
