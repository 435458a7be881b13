using System.Text.Json.Nodes;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// The one shape of every error answer (<c>Infrastructure/Problems.cs</c> builds them all): RFC 9457 problem
/// details, with <c>errors</c> per field on a 400, and <c>Retry-After</c> in seconds on a 429 or 503 that will pass.
/// </summary>
internal static class ProblemSchemas
{
    public const string MediaType = "application/problem+json";

    public const string Name = "Problem";

    public static JsonObject Reference => ApiSchemas.Reference(Name);

    /// <summary>Adds the <c>Problem</c> component.</summary>
    public static void AddTo(ApiSchemas schemas) => schemas.Named(Name, () => new JsonObject
    {
        ["type"] = "object",
        ["description"] = "An RFC 9457 problem: what went wrong and what to do. Never echoes a submitted value.",
        ["required"] = new JsonArray("type", "title", "status"),
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["description"] = "The problem's kind as a URI, one per `code` (docs/errors.md describes each)." },
            ["code"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "The problem's stable code, to branch on (docs/errors.md), the API gateway's own refusals included; more codes may be added in a version (docs/api.md, deprecation policy).",
            },
            ["requestId"] = new JsonObject { ["type"] = "string", ["description"] = "This request's id, as the `x-request-id` header: quote it when you report a problem." },
            ["traceId"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{32}$", ["description"] = "The W3C trace id of this request (your `traceparent`'s when you sent one)." },
            ["title"] = new JsonObject { ["type"] = "string", ["description"] = "A short summary of the problem type." },
            ["status"] = new JsonObject { ["type"] = "integer", ["minimum"] = 400, ["maximum"] = 599, ["description"] = "The HTTP status code." },
            ["detail"] = new JsonObject { ["type"] = "string", ["description"] = "What happened in this case, and what to do." },
            ["instance"] = new JsonObject { ["type"] = "string", ["description"] = "A URI reference for this occurrence." },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "On a 400: messages per field, keyed by the field's name (`age`, or `[3].age` in a batch). A message names the rule, never the value.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
            ["reason"] = new JsonObject { ["type"] = "string", ["description"] = "A machine-readable reason, where the operation lists them." },
        },
    });

    /// <summary>A problem whose <c>reason</c> is one of <paramref name="reasons"/>: a component of its own, extending <c>Problem</c>.</summary>
    public static JsonObject WithReasons(ApiSchemas schemas, string name, string description, IEnumerable<string> reasons) => schemas.Named(name, () => new JsonObject
    {
        ["description"] = description,
        ["allOf"] = new JsonArray(
            Reference,
            new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("reason"),
                ["properties"] = new JsonObject
                {
                    ["reason"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(reasons.Select(r => (JsonNode)r).ToArray()) },
                },
            }),
    });

    /// <summary>The <c>Retry-After</c> header: whole seconds to wait before trying again.</summary>
    public static JsonObject RetryAfterHeader(bool required) => new()
    {
        ["description"] = required
            ? "Seconds to wait before trying again."
            : "Seconds to wait before trying again, when waiting will help (see the description).",
        ["required"] = required,
        ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
    };
}
