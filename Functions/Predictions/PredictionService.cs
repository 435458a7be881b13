using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Functions.Predictions.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The one implementation behind the four prediction functions: GET answers the schema; POST reads and
/// validates the patients, leases the disease's model, scores them in one run and maps the answer.
/// </summary>
internal sealed class PredictionService(ModelRegistry registry, IOptions<ModelStoreOptions> options, TimeProvider time, ILogger<PredictionService> logger)
{
    public async Task<PredictionHttpResult> HandleAsync(string disease, HttpRequest request, CancellationToken cancellationToken)
    {
        var schema = DiseaseSchemas.Get(disease);
        if (HttpMethods.IsGet(request.Method))
        {
            return TypedResults.Json(SchemaDocument.For(schema), PredictionJsonContext.Default.SchemaResponse);
        }

        var html = HtmlPages.IsPreferred(request);
        var (batch, problem) = await PredictionRequestReader.ReadAsync(schema, request, cancellationToken);
        if (problem is not null)
        {
            Log.Rejected(logger, disease, problem.Status, problem.Errors?.Count ?? 0);
            return html ? HtmlPages.Problem(schema, problem) : Problems.From(problem);
        }

        try
        {
            var results = await PredictAsync(schema, batch!, cancellationToken);
            if (html)
            {
                return HtmlPages.Result(schema, results);
            }

            return batch!.IsArray
                ? TypedResults.Json(results, PredictionJsonContext.Default.PredictionResultArray)
                : TypedResults.Json(results[0], PredictionJsonContext.Default.PredictionResult);
        }
        catch (ModelUnavailableException e)
        {
            Log.Unavailable(logger, disease, e.ReasonText);
            var unavailable = Problems.ModelUnavailable(e, options.Value.RetryAfterSeconds, request.HttpContext.Response);
            return html ? HtmlPages.Problem(schema, new RequestProblem(503, unavailable.ProblemDetails.Title!, unavailable.ProblemDetails.Detail!)) : unavailable;
        }
    }

    /// <summary>Scores validated patients in one ONNX run, in order.</summary>
    public async ValueTask<PredictionResult[]> PredictAsync(DiseaseSchema schema, PatientBatch batch, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var lease = await registry.AcquireAsync(schema.Disease, cancellationToken);
        var entry = lease.Model.Entry;
        var probabilities = new float[batch.Count];
        lease.Model.Score(batch.ToColumns(), batch.Count, probabilities);

        var model = new ModelInfo(entry.Name, entry.Version, entry.Sha256, entry.Synthetic, entry.Notice ?? (entry.Synthetic ? Advice.SyntheticNotice : null));
        var results = new PredictionResult[batch.Count];
        for (var p = 0; p < results.Length; p++)
        {
            var probability = (double)probabilities[p];
            if (!double.IsFinite(probability) || probability is < 0 or > 1)
            {
                // A model defect, not bad input: the middleware answers 500 and it is logged.
                throw new InvalidOperationException($"The {schema.Disease} model {entry.Version} returned a value that is not a probability.");
            }

            var percentage = Risk.Percentage(probability);
            var category = Risk.Categorize(percentage);
            results[p] = new PredictionResult(
                schema.Disease, Math.Round(probability, 4), percentage, category, Advice.For(schema.Disease, category), Inputs(schema, batch, p), model, Advice.Disclaimer);
        }

        Log.Scored(logger, batch.Count, schema.Disease, entry.Version, (long)time.GetElapsedTime(started).TotalMicroseconds);
        return results;
    }

    private static Dictionary<string, double?> Inputs(DiseaseSchema schema, PatientBatch batch, int patient)
    {
        var inputs = new Dictionary<string, double?>(schema.Fields.Count, StringComparer.Ordinal);
        for (var f = 0; f < schema.Fields.Count; f++)
        {
            var value = batch.Value(patient, f);
            inputs[schema.Fields[f].Name] = double.IsNaN(value) ? null : value;
        }

        return inputs;
    }
}
