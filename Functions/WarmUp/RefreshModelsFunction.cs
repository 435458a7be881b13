using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Runs the warm-up's refresh now, so that a newly published model version is served without waiting
/// for the timer. Function-level: it needs a function key.
/// </summary>
internal sealed class RefreshModelsFunction(ModelRefresher refresher)
{
    public const string Name = "RefreshModels";

    [Function(Name)]
    public async Task<Ok<RefreshSummary>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "models/refresh")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await refresher.RefreshAsync(cancellationToken));
}
