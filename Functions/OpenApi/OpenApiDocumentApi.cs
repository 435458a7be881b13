using System.Text.Json.Nodes;

namespace HealthOracle.Functions.OpenApi;

/// <summary>The document describes itself, and the answers every route can give.</summary>
internal sealed class OpenApiDocumentApi : IApiDescription
{
    public const string Tag = "Contract";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(Tag, "This document: the contract to generate a client from.");
        api.Operation(OpenApiFunction.Name, "GET", "getOpenApiDocument", "The OpenAPI document of this API")
            .Tag(Tag)
            .Description("This document. `info.version` is the API version it describes; `info.x-fingerprint` is a fingerprint of its content and its ETag: regenerate clients when it changes. " +
                "Send the ETag back in `If-None-Match` to get a 304 while it is unchanged.")
            .Returns(200, "The OpenAPI 3.1 document.", new ApiContent("application/json", new JsonObject { ["type"] = "object" }))
            .Returns(304, "Unchanged since the ETag sent in `If-None-Match`.");

        // The one answer no route means to give: the exception middleware's, for a defect.
        api.Everywhere(_ => true, operation => operation.Problem(500, "A defect on the server; it has been logged. Retry once later, and report it if it persists."));

    }
}
