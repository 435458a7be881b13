using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// POST: a FHIR R4 record (Bundle or Parameters) → a RiskAssessment and its OperationOutcome. The class names no FHIR
/// type: Firely's SDK is loaded when the endpoint first runs, not when the worker indexes its functions.
/// </summary>
internal sealed class RiskAssessmentFunction(FhirEndpoint endpoint)
{
    public const string Name = "FhirRiskAssessment";

    [Function(Name)]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "fhir/{disease:alpha}/$assess")] HttpRequest request,
        string disease,
        CancellationToken cancellationToken) =>
        endpoint.AssessAsync(disease, request, cancellationToken);
}
