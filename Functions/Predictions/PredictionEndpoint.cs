using HealthOracle.Diseases;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The HTTP side of every disease's prediction function: GET answers the schema; POST reads the query and the body
/// through the one pipeline, answers with <see cref="PredictionService"/>, and maps the answer.
/// </summary>
internal sealed class PredictionEndpoint(PredictionService predictions, ILogger<PredictionEndpoint> logger)
{
    public async Task<PredictionHttpResult> HandleAsync(string key, HttpRequest request, CancellationToken cancellationToken)
    {
        var disease = DiseaseCatalog.Get(key);
        if (HttpMethods.IsGet(request.Method))
        {
            return TypedResults.Json(SchemaDocument.For(disease), PredictionJsonContext.Default.SchemaResponse);
        }

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
        else if (batch is { IsArray: true } && RequestedApiVersion.Of(request.HttpContext).Explicit)
        {
            // A versioned caller uses the batch operation; the array here is the form before it (ApiVersions).
            problem = Problems.Status(ProblemTypes.UseBatchOperation,
                $"A JSON array here is the unversioned form, answered until {ApiVersions.ArrayOnSingleSunset:yyyy-MM-dd}. Send {{\"patients\": [...]}} to POST /api/predict/{key}/batch.");
        }

        if (problem is not null)
        {
            Log.Rejected(logger, key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return problem;
        }

        var results = await predictions.AnswerAsync(disease, batch!, options!, request.Caller(), cancellationToken);
        if (batch!.IsArray)
        {
            ApiVersions.MarkDeprecated(request.HttpContext.Response, ApiVersions.ArrayOnSingleDeprecated, ApiVersions.ArrayOnSingleSunset, $"/api/predict/{key}/batch");
        }

        if (batch.IsArray)
        {
            return TypedResults.Json(results, PredictionJsonContext.Default.PredictionResultArray);
        }

        return RequestedApiVersion.Of(request.HttpContext).TextsInAnswers
            ? TypedResults.Json(results[0], PredictionJsonContext.Default.PredictionResult)
            : TypedResults.Json(LeanPredictionResult.Of(results[0], TextsPath(key)), PredictionJsonContext.Default.LeanPredictionResult);
    }

    /// <summary>Where a lean answer's texts are: the disease's description, as a path of the API (relative to its server, as in the OpenAPI document).</summary>
    public static string TextsPath(string disease) => $"/predict/{disease}";
}
