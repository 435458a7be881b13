using HealthOracle.Diseases.Definitions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>GET: the diabetes input schema. POST: scores one patient or a batch.</summary>
internal sealed class DiabetesPredictionFunction(PredictionEndpoint endpoint)
{
    public const string Name = "DiabetesPrediction";

    [Function(Name)]
    public Task<PredictionHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "predict/diabetes")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Diabetes.Key, request, cancellationToken);
}
