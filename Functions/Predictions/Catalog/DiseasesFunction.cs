using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Predictions.Catalog;

/// <summary>GET: the diseases the service scores, with the links to their schemas and operations. Reads the catalogue only.</summary>
internal sealed class DiseasesFunction
{
    public const string Name = "Diseases";

    private static readonly DiseaseList List = DiseaseList.FromCatalog();

    [Function(Name)]
    public JsonHttpResult<DiseaseList> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "diseases")] HttpRequest request) =>
        TypedResults.Json(List, PredictionJsonContext.Default.DiseaseList);
}
