using System.Text.Json.Nodes;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Correlation;
using HealthOracle.Functions.OpenApi;

namespace HealthOracle.Functions.ApiContract;

/// <summary>
/// What the edge (Infrastructure) adds to every answer, in the document: the request's ids as headers of every
/// response, and the problem catalogue's codes and type URIs on the <c>Problem</c> schema.
/// </summary>
internal sealed class CorrelationApi : IApiDescription
{
    public void Describe(ApiDocumentBuilder api)
    {
        var problem = (JsonObject)api.Schemas.Components[ProblemSchemas.Name];
        var properties = problem["properties"]!.AsObject();
        properties["code"]!["enum"] = new JsonArray(ProblemTypes.All.Select(t => (JsonNode)t.Code).ToArray());
        properties["type"]!["description"] = $"The problem's kind as a URI: `{ProblemType.UriPrefix}` and its `code` (docs/errors.md describes each).";

        var requestId = api.Header("RequestId", new JsonObject
        {
            ["description"] = $"This request's id: the `{RequestIds.RequestIdHeader}` you sent (letters, digits, `-._:`, up to {RequestIds.MaxCallerIdLength}), else one made for it. Quote it when you report a problem.",
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string" },
        });
        var clientRequestId = api.Header("ClientRequestId", new JsonObject
        {
            ["description"] = $"Your `{RequestIds.ClientRequestIdHeader}`, echoed when you sent a usable one (letters, digits, `-._:`, up to {RequestIds.MaxCallerIdLength}).",
            ["schema"] = new JsonObject { ["type"] = "string" },
        });
        var traceResponse = api.Header("TraceResponse", new JsonObject
        {
            ["description"] = "W3C Trace Context's `traceresponse`: the trace of this request, your `traceparent`'s trace id when you sent one.",
            ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$" },
        });
        api.Everywhere(_ => true, operation => operation
            .EveryAnswerCarries(RequestIds.RequestIdHeader, requestId)
            .EveryAnswerCarries(RequestIds.ClientRequestIdHeader, clientRequestId)
            .EveryAnswerCarries(RequestIds.TraceResponseHeader, traceResponse));
    }
}
