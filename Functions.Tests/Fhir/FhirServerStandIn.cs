using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// An EHR's FHIR server, played by Kestrel on a free loopback port: <c>GET Patient/{id}</c> and <c>GET Observation?…</c>
/// answer from a transaction bundle (the observations as a searchset), only with the expected bearer token (else 401);
/// or, told to, every read redirects to <see cref="RedirectTo"/>. It records the requests it saw.
/// </summary>
internal sealed class FhirServerStandIn : IAsyncDisposable
{
    private readonly JsonObject _bundle;
    private readonly string _token;
    private LoopbackServer? _server;

    private FhirServerStandIn(JsonObject bundle, string token)
    {
        _bundle = bundle;
        _token = token;
    }

    public string Url => _server!.Url;

    /// <summary>When set, every read answers 302 to this URL.</summary>
    public string? RedirectTo { get; set; }

    public List<string> Requests { get; } = [];

    public static async Task<FhirServerStandIn> StartAsync(JsonObject bundle, string token)
    {
        var server = new FhirServerStandIn(bundle, token);
        server._server = await LoopbackServer.StartAsync(server.AnswerAsync);
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        lock (Requests)
        {
            Requests.Add(context.Request.Path + context.Request.QueryString);
        }

        if (RedirectTo is not null)
        {
            context.Response.Redirect(RedirectTo);
            return;
        }

        if (context.Request.Headers.Authorization != "Bearer " + _token)
        {
            context.Response.StatusCode = 401;
            return;
        }

        var resources = SyntheaShapedBundle.Stored(_bundle);
        JsonNode? answer = null;
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/fhir/Patient/", StringComparison.Ordinal))
        {
            answer = resources.FirstOrDefault(r => r["resourceType"]!.GetValue<string>() == "Patient" && r["id"]!.GetValue<string>() == path["/fhir/Patient/".Length..])?.DeepClone();
        }
        else if (path == "/fhir/Observation")
        {
            answer = new JsonObject
            {
                ["resourceType"] = "Bundle",
                ["type"] = "searchset",
                ["entry"] = new JsonArray([.. resources.Where(r => r["resourceType"]!.GetValue<string>() == "Observation")
                    .Select(r => (JsonNode)new JsonObject { ["fullUrl"] = $"{Url}/fhir/Observation/{r["id"]}", ["resource"] = r.DeepClone(), ["search"] = new JsonObject { ["mode"] = "match" } })]),
            };
        }

        if (answer is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/fhir+json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
