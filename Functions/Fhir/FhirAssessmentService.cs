using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Predictions.Requests;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Fhir;

/// <summary>What an assessment came to: the RiskAssessment (null when the model could not score), and the outcome that goes with it.</summary>
internal sealed record FhirAssessment(RiskAssessment? RiskAssessment, OperationOutcome Outcome, ExtractedInputs Inputs, PredictionResult? Result);

/// <summary>
/// Scores a patient's FHIR record: reads the disease's inputs from it (<see cref="InputExtractor"/>), scores them with
/// the same service and model as the JSON API (so the probability is the JSON API's for the same values), and writes
/// the RiskAssessment. Anonymous, like a keyed API call: nothing is saved.
/// </summary>
internal sealed class FhirAssessmentService(PredictionService predictions, IOptions<FhirOptions> options, TimeProvider time)
{
    public async ValueTask<FhirAssessment> AssessAsync(DiseaseDefinition disease, PatientRecord record, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var inputs = InputExtractor.Extract(disease, record, now, TimeSpan.FromDays(options.Value.MaxObservationAgeDays));
        if (!inputs.CanScore)
        {
            return new FhirAssessment(null, FhirIssue.Outcome(inputs.Issues), inputs, null);
        }

        var batch = new PatientBatch((double[])inputs.Values.Clone(), 1, disease.Fields.Count, isArray: false);
        var results = await predictions.PredictAsync(disease, batch, explain: true, cancellationToken);
        var assessment = RiskAssessmentWriter.Write(disease, record, inputs, results[0], now);
        return new FhirAssessment(assessment, FhirIssue.Outcome(inputs.Issues), inputs, results[0]);
    }
}
