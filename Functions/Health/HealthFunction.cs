using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Health;

internal sealed class HealthFunction
{
    public const string Name = "Health";

    [Function(Name)]
    public Ok<HealthReport> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        TypedResults.Ok(new HealthReport("ok"));
}

internal sealed record HealthReport(string Status);
