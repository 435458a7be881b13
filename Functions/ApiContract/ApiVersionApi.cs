using System.Text.Json.Nodes;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.OpenApi;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.ApiContract;

/// <summary>
/// The <c>api-version</c> query parameter every operation takes, with its 400: the document's own version (a document
/// describes the calls made with its version; the service answers every version in <see cref="ApiVersions.Supported"/>).
/// </summary>
internal sealed class ApiVersionApi : IApiDescription, IApiVersions
{
    public IReadOnlyList<string> Supported => ApiVersions.Supported;

    public string Current => ApiVersions.Current;

    public string? Requested(HttpRequest request) => RequestedApiVersion.Of(request.HttpContext).Requested;

    public void Describe(ApiDocumentBuilder api)
    {
        var unversioned = api.Version == ApiVersions.Unversioned;
        api.Everywhere(_ => true, operation => operation
            .QueryParameter(ApiVersions.Parameter, Schema(api.Version, unversioned), operation.RequiresApiVersion
                ? "The version of the API this call is written against (a date; docs/api.md, *Versions*). Required here: without it this operation " +
                    (unversioned ? "still takes a deprecated form that this document does not describe" : $"is answered as {ApiVersions.Unversioned}") +
                    " (docs/api.md). Any other value is a 400 `UnsupportedApiVersion`."
                : unversioned
                    ? "The version of the API this call is written against (a date; docs/api.md, *Versions*). Absent: the current version. Any other value is a 400 `UnsupportedApiVersion`."
                    : $"The version of the API this call is written against (a date; docs/api.md, *Versions*). Absent: {ApiVersions.Unversioned}, which answers this operation the same. Any other value is a 400 `UnsupportedApiVersion`.",
                required: operation.RequiresApiVersion)
            .Problem(400, "`api-version` is not a version of this API (`UnsupportedApiVersion`)."));
    }

    // The first version's document keeps the shape it was published with; later ones name their own version only.
    private static JsonObject Schema(string version, bool unversioned) => unversioned
        ? new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(version), ["default"] = version }
        : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(version) };
}
