using Hl7.Fhir.Model;

namespace HealthOracle.Functions.Fhir;

/// <summary>
/// Finds the patient and their observations in what a caller sent: a <c>Bundle</c> (any type: a transaction, a
/// search result, a collection), a <c>Parameters</c> with a <c>patient</c> and <c>observation</c> parts (or one
/// <c>bundle</c> part), or the CDS Hooks prefetch's resources. Observations about another subject are left out.
/// </summary>
internal static class RecordReader
{
    public static (PatientRecord? Record, RecordProblem? Problem) Read(Resource resource) => resource switch
    {
        Bundle bundle => FromResources(bundle.Entry.Where(e => e.Resource is not null).Select(e => (e.Resource!, (string?)e.FullUrl)), "Bundle.entry"),
        Parameters parameters => FromParameters(parameters),
        _ => (null, new RecordProblem($"A {resource.TypeName} is not a record to assess: send a Bundle or a Parameters with the Patient and their Observations.", resource.TypeName)),
    };

    public static (PatientRecord? Record, RecordProblem? Problem) FromResources(IEnumerable<(Resource Resource, string? FullUrl)> resources, string where)
    {
        var all = resources.SelectMany(Flatten).ToList();
        var patients = all.Where(r => r.Resource is Patient).ToList();
        if (patients.Count != 1)
        {
            return (null, new RecordProblem(
                patients.Count == 0 ? "No Patient was sent: age and sex come from Patient.birthDate and Patient.gender." : "More than one Patient was sent: assess one patient at a time.",
                where));
        }

        var (patientResource, patientUrl) = patients[0];
        var patient = (Patient)patientResource;
        var patientReference = patient.Id is { Length: > 0 } id ? "Patient/" + id : patientUrl ?? "";
        var observations = all
            .Where(r => r.Resource is Observation o && IsAbout(o, patient, patientUrl))
            .Select(r => new RecordedObservation((Observation)r.Resource, r.Resource.Id is { Length: > 0 } oid ? "Observation/" + oid : r.FullUrl))
            .ToList();
        return (new PatientRecord(patient, patientReference, observations), null);
    }

    private static (PatientRecord?, RecordProblem?) FromParameters(Parameters parameters)
    {
        if (parameters.Parameter.FirstOrDefault(p => p.Name == "bundle")?.Resource is Bundle bundle)
        {
            return Read(bundle);
        }

        return FromResources(
            parameters.Parameter.Where(p => p.Name is "patient" or "observation" && p.Resource is not null).Select(p => (p.Resource!, (string?)null)),
            "Parameters.parameter");
    }

    // A search result bundle inside a bundle (the CDS Hooks prefetch's observations) is read through.
    private static IEnumerable<(Resource Resource, string? FullUrl)> Flatten((Resource Resource, string? FullUrl) entry) =>
        entry.Resource is Bundle inner
            ? inner.Entry.Where(e => e.Resource is not null).SelectMany(e => Flatten((e.Resource!, e.FullUrl)))
            : [entry];

    // An observation without a subject is taken as the patient's (a bundle about one patient); one about another subject is not.
    private static bool IsAbout(Observation observation, Patient patient, string? patientUrl)
    {
        var subject = observation.Subject?.Reference;
        if (string.IsNullOrEmpty(subject))
        {
            return true;
        }

        return (patient.Id is { Length: > 0 } id && (subject == "Patient/" + id || subject.EndsWith("/Patient/" + id, StringComparison.Ordinal)))
            || (patientUrl is not null && subject == patientUrl);
    }
}
