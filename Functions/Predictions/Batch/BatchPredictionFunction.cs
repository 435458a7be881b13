using HealthOracle.Diseases;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions.Batch;

/// <summary>
/// POST <c>{"patients": [...]}</c> → <c>{"results": [...]}</c>: 1 to 1,000 patients of one disease scored in one ONNX run,
/// answered in order. Its own operation, so that a disease's single-patient operation answers one object only.
/// </summary>
internal sealed class BatchPredictionFunction(PredictionService predictions, ILogger<BatchPredictionFunction> logger)
{
    public const string Name = "BatchPrediction";

    /// <summary>JSON only, up to 1 MB (a batch is for programs; the site's forms score one patient).</summary>
    public static BodyRules Rules { get; } = new(PredictionBody.MaxBatchBytes, 0,
        $"Send {{\"{JsonPatientReader.PatientsMember}\": [ ...1 to {JsonPatientReader.MaxBatch} patients... ]}} as JSON.", PredictionBody.InvalidType);

    [Function(Name)]
    public async Task<Results<JsonHttpResult<BatchPredictionResponse>, JsonHttpResult<LeanBatchResponse>, Problem>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "predict/{disease:alpha}/batch")] HttpRequest request,
        string disease,
        CancellationToken cancellationToken)
    {
        if (!DiseaseCatalog.TryGet(disease, out var definition))
        {
            return Problems.UnknownDisease($"There is no disease '{JsonText.Echo(disease)}'. Diseases: {string.Join(", ", DiseaseCatalog.Keys)}.");
        }

        var (batch, problem) = await ReadAsync(definition, request, cancellationToken);
        if (problem is not null)
        {
            Log.Rejected(logger, definition.Key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return problem;
        }

        var (options, _) = PredictionOptions.Read(request);
        var results = await predictions.AnswerAsync(definition, batch!, options!, request.Caller(), cancellationToken);
        if (RequestedApiVersion.Of(request.HttpContext).TextsInAnswers)
        {
            return TypedResults.Json(new BatchPredictionResponse(results), PredictionJsonContext.Default.BatchPredictionResponse);
        }

        var texts = PredictionEndpoint.TextsPath(definition.Key);
        return TypedResults.Json(new LeanBatchResponse([.. results.Select(r => LeanPredictionResult.Of(r, texts))]), PredictionJsonContext.Default.LeanBatchResponse);
    }

    private static async ValueTask<(PatientBatch? Batch, Problem? Problem)> ReadAsync(DiseaseDefinition disease, HttpRequest request, CancellationToken cancellationToken)
    {
        var (_, problem) = PredictionOptions.Read(request);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (request.IsSiteCall())
        {
            return (null, SiteCall.BatchNeedsKey);
        }

        var (body, bodyProblem) = await RequestBodyReader.ReadAsync(request, Rules, cancellationToken);
        if (body is null)
        {
            return (null, bodyProblem);
        }

        using (body)
        {
            return JsonPatientReader.ReadWrapped(disease, body.Json);
        }
    }
}
