using System.Text.Json.Nodes;
using HealthOracle.Functions.OpenApi;

namespace HealthOracle.Functions.Health;

/// <summary>GET /api/health.</summary>
internal sealed class HealthApi : IApiDescription
{
    public const string Tag = "Health";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(Tag, "Liveness, and what this instance serves.");
        api.Schemas.Refine<HealthReport>(s =>
        {
            s.Property("status").With("enum", new JsonArray("ok", "degraded"))
                .With("description", "`ok`, or `degraded` when `problems` lists something an operator should fix; the instance is alive either way.");
            s.Property("problems").With("description", "What an operator should fix (a refused manifest entry or model, a manifest key this app does not serve, an API gateway that is required but whose key the app cannot read); empty when `ok`.");
        });
        api.Operation(HealthFunction.Name, "GET", "getHealth", "Liveness, and the models this instance has loaded")
            .Tag(Tag)
            .Description("Always 200 while the app runs (`status` is `degraded` when `problems` lists something for the operator). Per disease: whether this instance has its model loaded, the version and SHA-256, " +
                "when it was loaded and how long that took, a candidate version a refresh refused (and why), and the last refresh. " +
                "It never loads a model itself; an instance that has not been asked for a disease yet shows it as not loaded.")
            .Returns(200, "The instance's state.", new ApiContent("application/json", api.Schemas.Answer<HealthReport>()));
    }
}
