using System.Diagnostics;
using System.Text.Json;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.People.Identity;
using HealthOracle.Functions.People.Storage;
using HealthOracle.Functions.Predictions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.History;

/// <summary>
/// Saves a signed-in person's prediction to their history, unless they asked not to (<c>?save=false</c>);
/// an anonymous caller's prediction is never stored. Saving never costs the person their answer: when
/// storage fails, the answer says it was not saved and why, and nothing of it was written (one insert).
/// </summary>
internal sealed class PredictionRecorder(PeopleStore store, ILogger<PredictionRecorder> logger)
{
    public const string SaveParameter = "save";

    /// <summary>A <c>save</c> query value other than true/false/1/0, as a 400 naming it; else null.</summary>
    public static Problem? CheckQuery(HttpRequest request) =>
        request.Query.TryGetValue(SaveParameter, out var values) && (values.Count != 1 || ParseSave(values[0]) is null)
            ? PeopleProblems.Invalid(SaveParameter, "save must be true or false.")
            : null;

    public async ValueTask<PredictionResult[]> RecordAsync(HttpRequest request, bool isBatch, PredictionResult[] results, CancellationToken cancellationToken)
    {
        if (request.Caller() is not { } caller)
        {
            return results;
        }

        if (request.HttpContext.Features.Get<CrossSiteWrite>() is not null)
        {
            return Noted(results, new HistoryNote(false, Reason: WriteOrigin.RefusedReason));
        }

        if (request.Query.TryGetValue(SaveParameter, out var save) && ParseSave(save[0]) == false)
        {
            return Noted(results, new HistoryNote(false, Reason: "You asked for this prediction not to be saved."));
        }

        if (isBatch)
        {
            return Noted(results, new HistoryNote(false, Reason: "Batches are not saved to a history; send one patient per call to keep it."));
        }

        var result = results[0];
        var started = Stopwatch.GetTimestamp();
        try
        {
            var saved = await store.SavePredictionAsync(caller, Entity(result), cancellationToken);
            Log.PredictionSaved(logger, result.Disease, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return [result with { History = new HistoryNote(true, saved.Id, saved.SavedAt) }];
        }
        catch (PeopleStoreUnavailableException e)
        {
            Log.PredictionNotSaved(logger, result.Disease, e.Reason.ToString());
            return [result with { History = new HistoryNote(false, Reason: PeopleProblems.NotSavedReason(e.Reason)) }];
        }
        catch (HistoryBudgetException e)
        {
            Log.PredictionNotSaved(logger, result.Disease, e.Limit.ToString());
            return [result with { History = new HistoryNote(false, Reason: e.Message) }];
        }
    }

    private static PredictionEntity Entity(PredictionResult result) => new()
    {
        Disease = result.Disease,
        Probability = result.Probability,
        RiskPercentage = result.RiskPercentage,
        Category = result.Category.ToString(),
        ModelName = result.Model.Name,
        ModelVersion = result.Model.Version,
        ModelSha256 = result.Model.Sha256,
        Synthetic = result.Model.Synthetic,
        Answer = JsonSerializer.Serialize(result, PredictionJsonContext.Default.PredictionResult),
    };

    private static PredictionResult[] Noted(PredictionResult[] results, HistoryNote note) => [.. results.Select(r => r with { History = note })];

    private static bool? ParseSave(string? value) => value?.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
