using HealthOracle.Diseases.Definitions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>GET: the kidney input schema. POST: scores one patient or a batch.</summary>
internal sealed class KidneyPredictionFunction(PredictionEndpoint endpoint)
{
    public const string Name = "KidneyPrediction";

    [Function(Name)]
    public Task<PredictionHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "predict/kidney")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Kidney.Key, request, cancellationToken);
}
