using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.OpenApi;

/// <summary>GET /api/openapi.json: the OpenAPI 3.1 document of the public API, built once per instance.</summary>
internal sealed class OpenApiFunction(ApiDocumentProvider provider)
{
    public const string Name = "OpenApi";

    [Function(Name)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ApiDocumentResult(provider.Document);
}
