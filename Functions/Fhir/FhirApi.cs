using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Fhir.CdsHooks;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.OpenApi;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// The FHIR operation and the CDS Hooks routes in the OpenAPI document. FHIR resources are described by reference to
/// the R4 specification (their schema is FHIR's, not this app's); the CDS Hooks answers by their own types. Nothing
/// here names a FHIR library type: describing the API does not load it.
/// </summary>
internal sealed class FhirApi : IApiDescription
{
    public const string FhirTag = "FHIR";
    public const string CdsTag = "CDS Hooks";

    public void Describe(ApiDocumentBuilder api)
    {
        api.Tag(FhirTag, "FHIR R4 in and out: a patient's record (Patient and LOINC-coded Observations) → a RiskAssessment (docs/fhir.md).");
        api.Tag(CdsTag, "CDS Hooks 2.0 for EHRs: discovery and one patient-view service per disease (docs/fhir.md).");
        var resource = new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray("resourceType"),
            ["properties"] = new JsonObject { ["resourceType"] = new JsonObject { ["type"] = "string" } },
            ["description"] = "A FHIR R4 resource in JSON (https://hl7.org/fhir/R4/json.html).",
        };
        api.Operation(RiskAssessmentFunction.Name, "POST", "assessFhirRecord", "A patient's FHIR R4 record → a RiskAssessment")
            .Tag(FhirTag)
            .PathParameter("disease", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. DiseaseCatalog.Keys.Select(k => (JsonNode)k)]) }, "The disease to assess.")
            .Description("Send a `Bundle` (any type) or a `Parameters` (`patient` and `observation` parts, or one `bundle` part) with the Patient and their Observations. " +
                "Age and sex come from `Patient.birthDate` and `Patient.gender`; every other input from the most recent final Observation of one of its codes " +
                $"(GET `/api/cds-services` lists them per disease; docs/fhir.md explains each), converted from its UCUM unit. Observations older than {new FhirOptions().MaxObservationAgeDays} days, dated in the future or not final are passed over. " +
                "The answer is a `Parameters`: `return` is the RiskAssessment (the model as `method`, the observations used as `basis` in the order of their factors, " +
                "the outcome in SNOMED CT, `probabilityDecimal`, `qualitativeRisk` from the HL7 risk-probability code system, the 95% interval as the extension " +
                $"`{RiskAssessmentWriter.IntervalExtension}`, the population sentence and the disclaimer in `note`) and `outcome` an OperationOutcome (inputs not found, passed over). " +
                "Nothing is saved.")
            .Security(GatewayApi.SubscriptionKey, "")
            .Body("The patient's record.", required: true, new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(200, "A `Parameters` with the RiskAssessment (`return`) and an OperationOutcome (`outcome`).", new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(400, "An OperationOutcome: the body is not a FHIR R4 record, or an input the model needs is missing, out of range or in a unit it cannot convert (each named, with its code).", new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(404, "An OperationOutcome: no such disease.", new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(413, "An OperationOutcome: the body is larger than 2 MB (send the Patient and the Observations of the listed codes, not the whole chart).", new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(415, "An OperationOutcome: the content type is not JSON (`application/fhir+json`).", new ApiContent(FhirJson.MediaType, resource.DeepClone()))
            .Returns(503, "An OperationOutcome: the model cannot be loaded right now; retry after `Retry-After` seconds.", new JsonObject { ["Retry-After"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "integer" } } }, new ApiContent(FhirJson.MediaType, resource.DeepClone()));

        api.Operation(CdsDiscoveryFunction.Name, "GET", "discoverCdsServices", "CDS Hooks discovery: one patient-view service per disease")
            .Tag(CdsTag)
            .Description("The CDS Hooks 2.0 discovery document. Register `{base}/api/cds-services` in the EHR; each service's `prefetch` names the Patient and the Observation search it needs.")
            .Security(GatewayApi.SubscriptionKey, "")
            .Returns(200, "The services.", new ApiContent("application/json", api.Schemas.Answer(CdsJsonContext.Default.CdsServices)));

        api.Operation(CdsServiceFunction.Name, "POST", "callCdsService", "CDS Hooks: a patient-view call → cards")
            .Tag(CdsTag)
            .PathParameter("id", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. DiseaseCatalog.Keys.Select(k => (JsonNode)k)]) }, "The service: a disease.")
            .Description("A CDS Hooks 2.0 request for the `patient-view` hook. The record comes from `prefetch` (`patient`, `observations`) or, when it is missing, " +
                "from `fhirServer` with `fhirAuthorization.access_token` (only that server, no redirects followed). The answer is one card: the risk, its range and category " +
                "in the summary, the factors and population in the Markdown detail, the model card as the source, and a suggestion that creates the RiskAssessment; " +
                "or, when the model cannot score, an info card naming what is missing.")
            .Security(GatewayApi.SubscriptionKey, "")
            .Body("The hook call.", required: true, new ApiContent("application/json", new JsonObject { ["type"] = "object", ["description"] = "A CDS Hooks 2.0 request (https://cds-hooks.hl7.org/2.0/#http-request)." }))
            .Returns(200, "The cards.", new ApiContent("application/json", api.Schemas.Answer(CdsJsonContext.Default.CdsResponse)))
            .Problem(400, "The call is not a patient-view request with a hookInstance and a patientId.")
            .Problem(404, "No such service.")
            .Problem(412, "Neither the prefetch nor a readable fhirServer gave the patient's record (CDS Hooks 2.0: the service could not obtain the data).")
            .Problem(413, "The body is larger than 2 MB.")
            .Problem(415, "The content type is not JSON.");
    }
}
