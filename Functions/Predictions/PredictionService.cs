using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.People.History;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The one implementation behind every disease's prediction function: GET answers the schema; POST reads and
/// validates the patients, leases the disease's model, scores them in one run and maps the answer.
/// </summary>
internal sealed class PredictionService(
    ModelRegistry registry, Explainer explainer, IOptions<ModelStoreOptions> options, TimeProvider time, SiteFrame frame,
    ILogger<PredictionService> logger, PredictionRecorder? recorder = null)
{
    public async Task<PredictionHttpResult> HandleAsync(string key, HttpRequest request, CancellationToken cancellationToken)
    {
        var disease = DiseaseCatalog.Get(key);
        if (HttpMethods.IsGet(request.Method))
        {
            return TypedResults.Json(SchemaDocument.For(disease), PredictionJsonContext.Default.SchemaResponse);
        }

        var html = HtmlPages.IsPreferred(request);
        var (batch, problem) = ExplainQuery.TryRead(request, out var explain, out var badQuery)
            ? await PredictionRequestReader.ReadAsync(disease, request, cancellationToken)
            : (null, badQuery);
        problem ??= PredictionRecorder.CheckQuery(request);
        if (problem is not null)
        {
            Log.Rejected(logger, key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return html ? HtmlPages.Problem(frame, disease, problem) : problem;
        }

        try
        {
            var results = await PredictAsync(disease, batch!, cancellationToken, explain);
            results = recorder is null ? results : await recorder.RecordAsync(request, batch!.IsArray, results, cancellationToken);
            if (html)
            {
                return HtmlPages.Result(frame, disease, results, batch!.TypedUnits, time.GetUtcNow());
            }

            return batch!.IsArray
                ? TypedResults.Json(results, PredictionJsonContext.Default.PredictionResultArray)
                : TypedResults.Json(results[0], PredictionJsonContext.Default.PredictionResult);
        }
        catch (ModelUnavailableException e)
        {
            Log.Unavailable(logger, key, e.ReasonText);
            var unavailable = ModelUnavailable(e, options.Value.RetryAfterSeconds);
            return html ? HtmlPages.Problem(frame, disease, unavailable) : unavailable;
        }
    }

    /// <summary>Scores validated patients in one ONNX run, in order, and explains them unless <paramref name="explain"/> is false.</summary>
    public async ValueTask<PredictionResult[]> PredictAsync(DiseaseDefinition disease, PatientBatch batch, CancellationToken cancellationToken, bool explain = true)
    {
        var started = time.GetTimestamp();
        using var activity = PredictionTelemetry.StartScoring(disease, batch.Count);
        using var lease = await registry.AcquireAsync(disease.Key, cancellationToken);
        var entry = lease.Model.Entry;
        var probabilities = new float[batch.Count];
        var intervals = new RiskInterval?[batch.Count];
        lease.Model.Score(batch.ToColumns(), batch.Count, probabilities, intervals);

        var explanations = explain ? explainer.Explain(disease, lease.Model, batch, probabilities) : null;
        var model = new ModelInfo(entry.Name, entry.Version, entry.Sha256, entry.Synthetic, entry.Notice ?? (entry.Synthetic ? Disclaimers.Synthetic : null))
        {
            Population = PopulationSummary.Of(entry, disease),
        };
        var results = new PredictionResult[batch.Count];
        for (var p = 0; p < results.Length; p++)
        {
            var probability = (double)probabilities[p];
            if (!double.IsFinite(probability) || probability is < 0 or > 1)
            {
                // A model defect, not bad input: the middleware answers 500 and it is logged.
                throw new InvalidOperationException($"The {disease.Key} model {entry.Version} returned a value that is not a probability.");
            }

            var percentage = Risk.Percentage(probability);
            var category = Risk.Categorize(percentage);
            results[p] = new PredictionResult(
                disease.Key, Math.Round(probability, 4), percentage, category, disease.Advice.For(category), Inputs(disease, batch, p), model, Disclaimers.NotADiagnosis)
            {
                NotMeasured = PatientNotes.NotMeasured(disease, batch, p),
                Warnings = PatientNotes.Warnings(disease, batch, p),
                Interval = intervals[p],
            }
                .With(explanations?[p]);
        }

        PredictionTelemetry.Scored(activity, disease, entry.Version, results);
        Log.Scored(logger, batch.Count, disease.Key, entry.Version, (long)time.GetElapsedTime(started).TotalMicroseconds);
        return results;
    }

    /// <summary>503 with <c>Retry-After</c>: the model cannot be loaded right now, and why.</summary>
    internal static Problem ModelUnavailable(ModelUnavailableException exception, int retryAfterSeconds) => Problems.Status(
        StatusCodes.Status503ServiceUnavailable,
        "Model unavailable",
        $"The {exception.Disease} model cannot be served right now: {exception.ReasonText}. Try again in {retryAfterSeconds} seconds.",
        retryAfterSeconds,
        new Dictionary<string, object?> { ["reason"] = exception.Reason.ToString() });

    private static Dictionary<string, double?> Inputs(DiseaseDefinition disease, PatientBatch batch, int patient)
    {
        var inputs = new Dictionary<string, double?>(disease.Fields.Count, StringComparer.Ordinal);
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            var value = batch.Value(patient, f);
            inputs[disease.Fields[f].Name] = double.IsNaN(value) ? null : value;
        }

        return inputs;
    }
}
