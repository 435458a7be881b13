namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// A feature's part of the OpenAPI document: its operations, declared in a file beside its functions
/// (<c>Predictions/PredictionsApi.cs</c>, <c>Health/HealthApi.cs</c>…). Every implementation in the app's
/// assembly is found and created once (constructor arguments from the app's services), when the document
/// is first asked for; the test <c>ApiDocumentTests</c> fails while a public route has no description.
/// </summary>
internal interface IApiDescription
{
    /// <summary>Adds the feature's tags, schemas and operations.</summary>
    void Describe(ApiDocumentBuilder api);
}
