using System.Text.Json.Nodes;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.OpenApi;

namespace HealthOracle.Functions.ApiContract;

/// <summary>The version the document describes (<c>info.version</c>), and the <c>api-version</c> query parameter every operation takes, with its 400.</summary>
internal sealed class ApiVersionApi : IApiDescription
{
    public void Describe(ApiDocumentBuilder api)
    {
        api.Version = ApiVersions.Current;
        api.Everywhere(_ => true, operation => operation
            .QueryParameter(ApiVersions.Parameter, new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(ApiVersions.Supported.Select(v => (JsonNode)v).ToArray()),
                ["default"] = ApiVersions.Current,
            }, operation.RequiresApiVersion
                ? "The version of the API this call is written against (a date; docs/api.md, *Versions*). Required here: without it this operation still takes a deprecated form that this document does not describe (docs/api.md). Any other value is a 400 `UnsupportedApiVersion`."
                : "The version of the API this call is written against (a date; docs/api.md, *Versions*). Absent: the current version. Any other value is a 400 `UnsupportedApiVersion`.",
                required: operation.RequiresApiVersion)
            .Problem(400, "`api-version` is not a version of this API (`UnsupportedApiVersion`)."));
    }
}
