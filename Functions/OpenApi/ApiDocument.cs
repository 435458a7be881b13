using HealthOracle.Diseases;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the public API, built once from every feature's <see cref="IApiDescription"/>.
/// Its <c>info.version</c> is a fingerprint of its content: it changes exactly when the contract does.
/// </summary>
internal sealed class ApiDocument
{
    /// <summary>The host's route prefix (host.json <c>extensions.http.routePrefix</c>): paths are relative to it, as API Management imports them.</summary>
    public const string Server = "/api";

    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        // Units (µU/ml, kg/m²) and dashes stay readable; markup characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private ApiDocument(JsonObject root, byte[] utf8, string fingerprint)
    {
        Root = root;
        Utf8 = utf8;
        Fingerprint = fingerprint;
    }

    /// <summary>The document (a copy is safe to read; it is never changed after it is built).</summary>
    public JsonObject Root { get; }

    /// <summary>The document as served.</summary>
    public byte[] Utf8 { get; }

    /// <summary>The first 16 hex digits of the SHA-256 of the document without its version: <c>info.x-fingerprint</c> and the ETag (<c>info.version</c> is the API version).</summary>
    public string Fingerprint { get; }

    /// <summary>The document of API version <paramref name="version"/>: what a call with that <c>api-version</c> sends and gets.</summary>
    public static ApiDocument Build(IEnumerable<IApiDescription> descriptions, JsonSerializerOptions httpJson, string version)
    {
        var schemas = new ApiSchemas(httpJson);
        ProblemSchemas.AddTo(schemas);
        var api = new ApiDocumentBuilder(schemas) { Version = version };
        foreach (var description in descriptions.OrderBy(d => d.GetType().FullName, StringComparer.Ordinal))
        {
            description.Describe(api);
        }

        var paths = api.Paths();
        var root = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "HealthOracle API",
                ["version"] = "",
                ["summary"] = "Disease risk estimates from clinical values, and a health assistant.",
                ["description"] = Texts.Introduction,
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = Server, ["description"] = "This service (through its API gateway, the gateway's address)." }),
            ["security"] = api.DefaultSecurity?.DeepClone(),
            ["tags"] = new JsonArray(api.Tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Key, ["description"] = t.Value }).ToArray()),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject(schemas.Components.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value.DeepClone()))),
                ["securitySchemes"] = new JsonObject(api.SecuritySchemes.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value.DeepClone()))),
                ["headers"] = new JsonObject(api.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value.DeepClone()))),
            },
        };

        if (api.DefaultSecurity is null)
        {
            root.Remove("security");
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(root, Output)))[..16];
        root["info"]!["version"] = api.Version;
        root["info"]!["x-fingerprint"] = fingerprint;
        return new ApiDocument(root, JsonSerializer.SerializeToUtf8Bytes(root, Output), fingerprint);
    }

    private static class Texts
    {
        /// <summary>The diseases by name, from the catalogue: "heart disease, diabetes, … and chronic kidney disease".</summary>
        private static readonly string Diseases = string.Join(", ", DiseaseCatalog.All.SkipLast(1).Select(Lower)) + " and " + Lower(DiseaseCatalog.All[^1]);

        public static readonly string Introduction =
            $"Scores the risk of {Diseases} from clinical values with " +
            "models trained on public data, and answers health questions. **Every answer is a statistical estimate, not a diagnosis.**\n\n" +
            "`GET /diseases` lists the diseases. Each has its own route: `GET` answers its input schema (fields, units, ranges, codes), `POST` scores one patient " +
            "(a JSON object), `POST …/batch` a batch (`{\"patients\": [...]}` → `{\"results\": [...]}`), and `POST …/what-if` answers the same patient with " +
            "some values changed. Errors are `application/problem+json` (RFC 9457) with a stable `code` (docs/errors.md) naming each field; bad input is a 4xx, " +
            "never a 5xx; a model that cannot be loaded right now is a 503 with `Retry-After`. Every answer carries `x-request-id` and `traceresponse`. " +
            "JSON bodies are I-JSON (RFC 7493): UTF-8, numbers as numbers, and a name given twice in one object is refused (a 400).\n\n" +
            "This document describes the `api-version` in `info.version`; `info.x-fingerprint` changes with any change of the document.\n\n" +
            "The `/me` routes are for a person signed in on the site (the platform's session cookie): their profile and saved predictions.\n\n" +
            "Paying callers use the API gateway's address with their subscription key in `Ocp-Apim-Subscription-Key`; the gateway adds " +
            "its own 401 (no key), 403 (quota used up) and 429 (rate limit) answers, in the same problem format.";

        private static string Lower(DiseaseDefinition disease) => char.ToLowerInvariant(disease.DisplayName[0]) + disease.DisplayName[1..];
    }
}
