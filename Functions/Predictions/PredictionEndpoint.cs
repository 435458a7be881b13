using HealthOracle.Diseases;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The HTTP side of every disease's prediction function: GET answers the schema; POST reads the query and the body
/// through the one pipeline, scores with <see cref="PredictionService"/>, tells the observers, and maps the answer.
/// </summary>
internal sealed class PredictionEndpoint(
    PredictionService predictions, IEnumerable<IPredictionObserver> observers, DomainProblems problems, SiteFrame frame, TimeProvider time,
    ILogger<PredictionEndpoint> logger)
{
    private readonly IPredictionObserver[] _observers = [.. observers];

    public async Task<PredictionHttpResult> HandleAsync(string key, HttpRequest request, CancellationToken cancellationToken)
    {
        var disease = DiseaseCatalog.Get(key);
        if (HttpMethods.IsGet(request.Method))
        {
            return TypedResults.Json(SchemaDocument.For(disease), PredictionJsonContext.Default.SchemaResponse);
        }

        var html = HtmlPages.IsPreferred(request);
        var (options, problem) = PredictionOptions.Read(request);
        PatientBatch? batch = null;
        if (options is not null)
        {
            (batch, problem) = await PredictionBody.ReadAsync(disease, request, cancellationToken);
        }

        if (batch is { IsArray: true } && request.IsSiteCall())
        {
            problem = SiteCall.BatchNeedsKey;
        }

        if (problem is not null)
        {
            Log.Rejected(logger, key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return html ? HtmlPages.Problem(frame, disease, problem) : problem;
        }

        try
        {
            var results = await predictions.PredictAsync(disease, batch!, options!.Explain, cancellationToken);
            results = await NotifyAsync(request.Caller(), options, batch!.IsArray, results, cancellationToken);
            if (html)
            {
                return HtmlPages.Result(frame, disease, results, batch.TypedUnits, time.GetUtcNow());
            }

            return batch.IsArray
                ? TypedResults.Json(results, PredictionJsonContext.Default.PredictionResultArray)
                : TypedResults.Json(results[0], PredictionJsonContext.Default.PredictionResult);
        }
        catch (Exception e) when (html && problems.TryMap(e, out var unavailable))
        {
            return HtmlPages.Problem(frame, disease, unavailable);
        }
    }

    /// <summary>Tells every observer of the answers; a note one of them gives goes on each answer.</summary>
    private async ValueTask<PredictionResult[]> NotifyAsync(
        Caller? caller, PredictionOptions options, bool isBatch, PredictionResult[] results, CancellationToken cancellationToken)
    {
        var answered = new AnsweredPredictions(caller, options, isBatch, results);
        foreach (var observer in _observers)
        {
            if (await observer.OnAnsweredAsync(answered, cancellationToken) is { } note)
            {
                results = [.. results.Select(r => r with { History = note })];
            }
        }

        return results;
    }
}
