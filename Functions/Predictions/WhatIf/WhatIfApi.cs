using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Predictions.Functions;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Predictions.WhatIf;

/// <summary>
/// <c>POST /api/predict/{disease}/what-if</c>, described once per disease (one route serves them all) so that each
/// disease's patient and changes carry that disease's fields, ranges and codes.
/// </summary>
internal sealed class WhatIfApi(IOptions<ModelStoreOptions> store) : IApiDescription
{
    public void Describe(ApiDocumentBuilder api)
    {
        var answer = api.Schemas.Answer(WhatIfJsonContext.Default.WhatIfResponse);
        var unavailable = ProblemSchemas.WithReasons(api.Schemas, "ModelUnavailableProblem",
            "The disease's model cannot be loaded or verified right now; `reason` says why.", Enum.GetNames<ModelUnavailableReason>());
        foreach (var disease in DiseaseCatalog.All)
        {
            var name = PredictionFunctionName.For(disease.Key)[..^"Prediction".Length];
            var patient = api.Schemas.Named($"{name}Patient", () => PatientSchema.For(disease, closed: true));
            var changes = api.Schemas.Named($"{name}PatientChanges", () => PatientSchema.Changes(disease));
            var request = api.Schemas.Named($"{name}WhatIf", () => new JsonObject
            {
                ["type"] = "object",
                ["title"] = $"{disease.DisplayName}: a what-if",
                ["required"] = new JsonArray("patient", "changes"),
                ["properties"] = new JsonObject { ["patient"] = patient, ["changes"] = changes },
                ["additionalProperties"] = false,
            });
            api.Operation(WhatIfFunction.Name, "POST", $"whatIf{name}", $"{disease.DisplayName}: the estimate with some values changed",
                    new Dictionary<string, string> { ["disease"] = disease.Key })
                .Tag(PredictionsApi.Tag)
                .Description("The patient's estimate, the same patient's with the changes, and the difference in percentage points, both scored in one run " +
                    "of the same model version. A what-if is this model's estimate with values changed and the others held: an association the model " +
                    "learned, not a promise of what a change would do. Validated as a prediction body: messages are keyed `patient.<field>` or `changes.<field>`.")
                .Body("The patient and the changes.", required: true, new ApiContent("application/json", request))
                .Returns(200, "Both estimates and the difference.", new ApiContent("application/json", answer.DeepClone()))
                .Problem(400, "The patient or the changes are not valid, there are no changes, or the body has anything besides `patient` and `changes`: `errors` names each.")
                .Problem(413, $"The body is larger than {PredictionBody.MaxPatientBytes / 1024} KB.")
                .Problem(415, "The content type is not `application/json`.")
                .Problem(503, $"The model cannot be loaded right now (`reason` says why). Nothing was scored; retry after `Retry-After` seconds ({store.Value.RetryAfterSeconds} here).",
                    RetryAfter.Always, unavailable.DeepClone());
        }
    }
}
