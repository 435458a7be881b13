namespace HealthOracle.Functions.Fhir;

/// <summary>
/// How FHIR records are read (<c>Fhir__…</c> settings): how old an observation may be and still count, and how long a
/// CDS Hooks call may wait for the EHR's FHIR server.
/// </summary>
internal sealed class FhirOptions
{
    public const string Section = "Fhir";

    /// <summary>
    /// Observations older than this many days on the day of the assessment are ignored (and named in the outcome): a
    /// year, as a yearly check-up would renew them. A value from a single work-up (the Cleveland findings) is as old as
    /// that work-up; send the work-up's observations and they are recent.
    /// </summary>
    public int MaxObservationAgeDays { get; set; } = 365;

    /// <summary>The longest a CDS Hooks call waits for the EHR's FHIR server, for all of its reads together.</summary>
    public int FhirServerTimeoutSeconds { get; set; } = 8;
}
