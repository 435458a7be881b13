using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Health;

/// <summary>Liveness, and per disease what this instance serves. Never loads a model itself.</summary>
internal sealed class HealthFunction(HealthReporter reporter)
{
    public const string Name = "Health";

    [Function(Name)]
    public Ok<HealthReport> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        TypedResults.Ok(reporter.Report());
}
