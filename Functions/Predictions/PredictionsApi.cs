using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure.Idempotency;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Predictions.Batch;
using HealthOracle.Functions.Predictions.Catalog;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Predictions.Functions;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// The list of diseases, and each disease's operations: its input schema (GET), one patient's estimate (POST) and a
/// batch's (POST …/batch), with the disease's own patient schema.
/// </summary>
internal sealed class PredictionsApi(IOptions<ModelStoreOptions> store) : IApiDescription
{
    public const string Tag = "Predictions";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(Tag, "One route per disease: its input schema, and risk estimates for one patient or a batch.");
        // From 2026-12-07 an answer leaves the disease's texts to its description (LeanPredictionResult).
        var lean = string.CompareOrdinal(api.Version, ApiVersions.Current) >= 0;
        var answer = lean ? api.Schemas.Answer(PredictionJsonContext.Default.LeanPredictionResult) : api.Schemas.Answer(PredictionJsonContext.Default.PredictionResult);
        var batchAnswer = lean ? api.Schemas.Answer(PredictionJsonContext.Default.LeanBatchResponse) : api.Schemas.Answer(PredictionJsonContext.Default.BatchPredictionResponse);
        api.Operation(DiseasesFunction.Name, "GET", "listDiseases", "The diseases this service scores")
            .Tag(Tag)
            .Description("Every disease, by the key its routes use, with the links to its input schema and its operations. Read from the definitions; no model is loaded.")
            .Returns(200, "The diseases.", new ApiContent("application/json", api.Schemas.Answer(PredictionJsonContext.Default.DiseaseList)));
        var schema = api.Schemas.Answer(PredictionJsonContext.Default.SchemaResponse);
        var unavailable = ProblemSchemas.WithReasons(api.Schemas, "ModelUnavailableProblem",
            "The disease's model cannot be loaded or verified right now; `reason` says why.", Enum.GetNames<ModelUnavailableReason>());

        foreach (var disease in DiseaseCatalog.All)
        {
            var function = PredictionFunctionName.For(disease.Key);
            var name = function[..^"Prediction".Length];
            api.Operation(function, "GET", $"get{name}Schema", $"{disease.DisplayName}: the input schema")
                .Tag(Tag)
                .Description($"The fields of the {disease.DisplayName.ToLowerInvariant()} form, as the validation reads them: names, types, units, ranges, codes and their labels; " +
                    "and the texts every answer of this disease shares (`texts`, the fields' `factorNote`, `population.relativeTo`), which answers leave out from api-version " +
                    $"{ApiVersions.Current}. It is read from the disease's definition; no model is loaded.")
                .Returns(200, "The input schema.", new ApiContent("application/json", schema.DeepClone()));

            var patient = api.Schemas.Named($"{name}Patient", () => PatientSchema.For(disease, closed: true));
            var form = api.Schemas.Named($"{name}PatientForm", () => PatientSchema.For(disease, closed: false));
            var examples = lean ? PredictionExamples.For(disease.Key)?.Lean(PredictionEndpoint.TextsPath(disease.Key)) : PredictionExamples.For(disease.Key);
            api.Operation(function, "POST", $"predict{name}", $"{disease.DisplayName}: estimate the risk")
                .Tag(Tag)
                .Description(Description(disease, lean))
                .Security(GatewayApi.SubscriptionKey, IdentityApi.SignIn, "")
                .VersionRequired()
                .QueryParameter(PredictionOptions.SaveParameter, new JsonObject { ["type"] = "boolean", ["default"] = true },
                    "Signed in: `false` keeps this prediction out of your history (the answer's `history` says whether it was saved). Ignored for anonymous callers, whose predictions are never stored.")
                .QueryParameter(PredictionOptions.ExplainParameter, new JsonObject { ["type"] = "boolean", ["default"] = true },
                    "`false` leaves out `baseline`, `factors` and `whatIf` (and their notes): a faster answer. Anything but `true` or `false` is a 400.")
                .HeaderParameter(IdempotencyKey.Header, new JsonObject { ["type"] = "string", ["pattern"] = IdempotencyKey.Pattern },
                    "Signed in and saving: a retry with the same key and the same request within 24 hours answers the prediction saved the first time (same " +
                    "`history.id`) and saves nothing; the same key with another request is a 422 `IdempotencyKeyReused`; while the first is still being answered, " +
                    "a 409 `IdempotencyKeyInUse`. Keys are your own (another person's same key is another key). Visible ASCII, 1–255 characters, plain or in " +
                    "double quotes (draft-ietf-httpapi-idempotency-key-header); otherwise a 400 `InvalidIdempotencyKey`. No effect where nothing is saved (docs/accounts.md).")
                .Body("One patient: a JSON object, or a form. (A batch has its own operation, `POST /predict/" + disease.Key + "/batch`.)", required: true,
                    new ApiContent("application/json", patient.DeepClone(),
                        examples is null ? null : [new("one", "One patient", examples.Patient)]),
                    new ApiContent("application/x-www-form-urlencoded", form),
                    new ApiContent("multipart/form-data", form.DeepClone()))
                .Returns(200, "The estimate.",
                    new ApiContent("application/json", answer.DeepClone(),
                        examples is null ? null : [new("one", "One patient", examples.Answer)]))
                .Problem(400, "The input is not valid: `errors` names each field and its rule (`code` `InvalidValues`); or the body is not one JSON object (`MalformedBody`; " +
                    "with `api-version`, a JSON array is `UseBatchOperation`); or the `Idempotency-Key` header is not one key (`InvalidIdempotencyKey`). Fix them; do not retry as is.")
                .Problem(409, "Signed in: a request with this `Idempotency-Key` is still being answered (`IdempotencyKeyInUse`); nothing was done. Retry after `Retry-After` seconds.",
                    RetryAfter.Always)
                .Problem(413, $"The body is too large: one patient at most {PredictionBody.MaxPatientBytes / 1024} KB, a batch at most {PredictionBody.MaxBatchBytes / 1024 / 1024} MB.")
                .Problem(415, "The content type is not JSON, a urlencoded form or multipart form data.")
                .Problem(422, "Signed in: this `Idempotency-Key` was used within 24 hours for another request (`IdempotencyKeyReused`); nothing was done.")
                .Problem(503, $"The model cannot be loaded right now (`reason` says why). Nothing was scored; retry after `Retry-After` seconds ({store.Value.RetryAfterSeconds} here).",
                    RetryAfter.Always, unavailable);

            var wrapped = api.Schemas.Named($"{name}Batch", () => new JsonObject
            {
                ["type"] = "object",
                ["title"] = $"{disease.DisplayName}: a batch",
                ["required"] = new JsonArray(JsonPatientReader.PatientsMember),
                ["properties"] = new JsonObject { [JsonPatientReader.PatientsMember] = Array(patient.DeepClone(), 1, JsonPatientReader.MaxBatch) },
                ["additionalProperties"] = false,
            });
            api.Operation(BatchPredictionFunction.Name, "POST", $"predict{name}Batch", $"{disease.DisplayName}: estimate the risk of a batch",
                    new Dictionary<string, string> { ["disease"] = disease.Key })
                .Tag(Tag)
                .Description($"1 to {JsonPatientReader.MaxBatch} patients scored in one run of the model, answered in the order sent: `{{\"patients\": [...]}}` → " +
                    "`{\"results\": [...]}`, each result as one patient's. Through the API gateway with a subscription key only (a batch is one call against your limits). " +
                    "Until " + ApiVersions.ArrayOnSingleSunset.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) +
                    $", a bare JSON array sent without `api-version` to `POST /predict/{disease.Key}` is still answered as an array, with `Deprecation` and `Sunset` headers (docs/api.md).")
                .Security(GatewayApi.SubscriptionKey, IdentityApi.SignIn, "")
                .VersionRequired(lean)
                .QueryParameter(PredictionOptions.SaveParameter, new JsonObject { ["type"] = "boolean", ["default"] = true },
                    "Signed in: `false` keeps these predictions out of your history.")
                .QueryParameter(PredictionOptions.ExplainParameter, new JsonObject { ["type"] = "boolean", ["default"] = true },
                    "`false` leaves out `baseline`, `factors` and `whatIf`: a faster answer.")
                .Body("The patients.", required: true, new ApiContent("application/json", wrapped,
                    examples is null ? null : [new("batch", "A batch of two", new JsonObject { [JsonPatientReader.PatientsMember] = examples.Batch.DeepClone() })]))
                .Returns(200, "One result per patient, in order.", new ApiContent("application/json", batchAnswer.DeepClone(),
                    examples is null ? null : [new("batch", "A batch of two", new JsonObject { ["results"] = examples.BatchAnswer.DeepClone() })]))
                .Problem(400, "The input is not valid: `errors` names each field (`patients[3].age`) and its rule. Fix them; do not retry as is.")
                .Problem(404, "No such disease (`UnknownDisease`).")
                .Problem(413, $"The body is larger than {PredictionBody.MaxBatchBytes / 1024 / 1024} MB: split the batch.")
                .Problem(415, "The content type is not `application/json`.")
                .Problem(503, $"The model cannot be loaded right now (`reason` says why). Nothing was scored; retry after `Retry-After` seconds ({store.Value.RetryAfterSeconds} here).",
                    RetryAfter.Always, unavailable.DeepClone());
        }
    }

    private static string Description(DiseaseDefinition disease, bool lean)
    {
        var text = $"{disease.Summary} Send the patient's values as one JSON object (or a form); a batch of 1 to {JsonPatientReader.MaxBatch} patients has its own operation, " +
            $"`POST /predict/{disease.Key}/batch`. The answer gives the calibrated probability, the percentage and its category (Low below 30, " +
            "Moderate 30 to 60, High above 60), advice for that category, the values used, the model that answered and the population its percentage is " +
            "relative to, and (unless `explain=false`) the factors that drove the estimate from a stated baseline and what-if estimates for the values a " +
            "person can change. It is a statistical estimate, not a diagnosis.";
        if (lean)
        {
            text += $"\n\nThe words are not repeated in every answer: the advice for each category, the disclaimer, what the population, the factors, the " +
                $"what-ifs and the healthy comparison are, the fields' labels and factor notes are in `GET /predict/{disease.Key}` (the answer's `texts` names it). " +
                "Show them with the numbers: a percentage means nothing without what it is relative to.";
        }
        if (disease.Requires is { } requires)
        {
            text += $"\n\nWhat the values come from: {requires}";
        }

        text += $"\n\nWho the model learned from: {disease.Population.Description}";
        if (Disclaimers.NoticeOf(disease) is { } notice)
        {
            text += $"\n\n**Notice:** {notice}";
        }

        return text;
    }

    private static JsonObject Array(JsonNode items, int min, int max) => new()
    {
        ["type"] = "array",
        ["minItems"] = min,
        ["maxItems"] = max,
        ["items"] = items,
    };
}
