using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.Fhir.CdsHooks;

/// <summary>
/// The discovery document, from the definitions: a <c>patient-view</c> service per disease (its id is the disease's
/// key) with two prefetch templates, the patient and the observations of every code the disease reads, newest first.
/// No FHIR library is needed for it.
/// </summary>
internal static class CdsDiscovery
{
    public const string Hook = "patient-view";

    public static CdsServices Services { get; } = new([.. DiseaseCatalog.All.Select(Service)]);

    public static CdsService Service(DiseaseDefinition disease) => new(
        Hook,
        disease.DisplayName + " risk",
        $"{disease.Summary} From the patient's FHIR record: {Requirements(disease)}. The percentage is relative to {disease.Population.Brief}; not a diagnosis.",
        disease.Key,
        new Dictionary<string, string>
        {
            ["patient"] = "Patient/{{context.patientId}}",
            ["observations"] = ObservationQuery(disease, "{{context.patientId}}"),
        })
    {
        UsageRequirements = "Read access to Patient and Observation (patient/Patient.read, patient/Observation.read).",
    };

    /// <summary>The observations search a service needs, for a patient: every code its inputs are read from, newest first.</summary>
    public static string ObservationQuery(DiseaseDefinition disease, string patient) =>
        $"Observation?patient={patient}&code={string.Join(',', Codes(disease).Select(c => c.System + "|" + c.Code))}&_sort=-date&_count=200";

    public static IEnumerable<FhirCode> Codes(DiseaseDefinition disease) =>
        disease.Fields.SelectMany(f => f.Fhir!.Codes.Select(c => c.Code).Concat(f.Fhir.Panel is { } panel ? [panel] : [])).Distinct();

    private static string Requirements(DiseaseDefinition disease) =>
        string.Join(", ", disease.Fields.Select(f => f.Label.ToLowerInvariant() + (f.Required ? "" : " (optional)")));
}
