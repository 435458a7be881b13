using System.Security.Cryptography;
using System.Text;
using HealthOracle.Diseases;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// A feature that may answer a prediction request before it is scored, with the answer it kept for the same request
/// (People: a signed-in save retried with its <c>Idempotency-Key</c>). Predictions does not know who: it asks each and
/// scores only when none answers.
/// </summary>
internal interface IPredictionReplay
{
    /// <summary>The answers kept for this request, or null to score it; a refusal is the feature's own exception (mapped to its problem).</summary>
    ValueTask<PredictionResult[]?> ReplayAsync(RequestedPredictions requested, CancellationToken cancellationToken);

    /// <summary>
    /// The request let through (<see cref="ReplayAsync"/> answered null) got no answer: scoring it failed or was cancelled.
    /// Whatever was held for it is given back, so that a retry is answered anew.
    /// </summary>
    ValueTask AbandonAsync(RequestedPredictions requested);
}

/// <summary>
/// A request about to be scored: who asks, with what options, whether it is a batch, and its <see cref="Fingerprint"/>:
/// the SHA-256 of the disease, the explain flag and the validated values with the units they were typed in, so that the
/// same request however written (spaces, order of names) is the same, and any other is not.
/// </summary>
internal sealed record RequestedPredictions(Caller? Caller, PredictionOptions Options, bool IsBatch, string Fingerprint)
{
    public static RequestedPredictions Of(DiseaseDefinition disease, PatientBatch batch, PredictionOptions options, Caller? caller)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{disease.Key}\n{options.Explain}\n{batch.Count}\n{batch.IsArray}\n"));
        foreach (var value in batch.Values)
        {
            hash.AppendData(BitConverter.GetBytes(value));
        }

        foreach (var unit in batch.TypedUnits ?? [])
        {
            hash.AppendData(Encoding.UTF8.GetBytes((unit ?? "") + "\n"));
        }

        return new RequestedPredictions(caller, options, batch.IsArray, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
