using HealthOracle.Diseases.Definitions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>GET: the heart input schema. POST: scores one patient or a batch.</summary>
internal sealed class HeartPredictionFunction(PredictionEndpoint endpoint)
{
    public const string Name = "HeartPrediction";

    [Function(Name)]
    public Task<PredictionHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "predict/heart")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Heart.Key, request, cancellationToken);
}
