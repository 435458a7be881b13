using Hl7.Fhir.Model;

namespace HealthOracle.Functions.Fhir;

/// <summary>One patient and the observations sent about them, each with the address a RiskAssessment's basis cites.</summary>
internal sealed record PatientRecord(Patient Patient, string PatientReference, IReadOnlyList<RecordedObservation> Observations);

/// <summary>An observation and how to cite it: <c>Observation/{id}</c>, else the bundle entry's <c>fullUrl</c>, else none.</summary>
internal sealed record RecordedObservation(Observation Observation, string? Reference);

/// <summary>What the record could not be read as, for a 400 OperationOutcome.</summary>
internal sealed record RecordProblem(string Message, string Expression);
