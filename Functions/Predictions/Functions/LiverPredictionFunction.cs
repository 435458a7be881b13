using HealthOracle.Diseases.Definitions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Functions;

/// <summary>GET: the liver input schema. POST: scores one patient or a batch.</summary>
internal sealed class LiverPredictionFunction(PredictionEndpoint endpoint)
{
    public const string Name = "LiverPrediction";

    [Function(Name)]
    public Task<PredictionHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "predict/liver")] HttpRequest request,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(Liver.Key, request, cancellationToken);
}
