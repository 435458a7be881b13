using HealthOracle.Diseases.Definitions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>GET: the lung input schema. POST: scores one patient or a batch.</summary>
internal sealed class LungPredictionFunction(PredictionEndpoint endpoint)
{
    public const string Name = "LungPrediction";

    [Function(Name)]
    public Task<PredictionHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "predict/lung")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Lung.Key, request, cancellationToken);
}
