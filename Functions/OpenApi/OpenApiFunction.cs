using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// GET /api/openapi.json: the OpenAPI 3.1 document of the public API, built once per instance: the current version's,
/// or the one <c>api-version</c> names (a new client is written against the current version; an old one can read its own).
/// </summary>
internal sealed class OpenApiFunction(ApiDocumentProvider provider)
{
    public const string Name = "OpenApi";

    [Function(Name)]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        new ApiDocumentResult(provider.For(provider.Versions.Requested(request) ?? provider.Versions.Current));
}
