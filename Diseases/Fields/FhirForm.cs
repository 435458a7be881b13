namespace HealthOracle.Diseases.Fields;

/// <summary>Where a field's value is found in a FHIR R4 record.</summary>
public enum FhirSource
{
    /// <summary>Age in whole years on the day of the assessment, from <c>Patient.birthDate</c>.</summary>
    BirthDate,

    /// <summary>Sex from <c>Patient.gender</c>: male is the field's 1, female its 0; other and unknown leave it unset.</summary>
    Gender,

    /// <summary>An <c>Observation</c> (or a component of one) with one of the form's codes.</summary>
    Observation,
}

/// <summary>A code in a code system: LOINC, SNOMED CT or this project's own (<see cref="FhirForm.ProjectSystem"/>).</summary>
public sealed record FhirCode(string System, string Code, string Display)
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";

    public static FhirCode OfLoinc(string code, string display) => new(Loinc, code, display);

    public static FhirCode OfSnomed(string code, string display) => new(Snomed, code, display);

    public static FhirCode OfProject(string code, string display) => new(FhirForm.ProjectSystem, code, display);
}

/// <summary>
/// One code an observation of this field may carry. <see cref="Factor"/> is 1 when the code measures the field's
/// own quantity; otherwise the exact factor from the code's quantity to the field's (urea nitrogen to urea).
/// </summary>
public sealed record ObservationCode(FhirCode Code, double Factor = 1, string? FactorBasis = null);

/// <summary>A coded answer (<c>valueCodeableConcept</c>) and the field value it stands for.</summary>
public sealed record FhirAnswer(FhirCode Code, double Value);

/// <summary>
/// How one field appears in FHIR R4: from the Patient (age, sex) or from an Observation with one of
/// <see cref="Codes"/> (the first is the preferred one, the one a RiskAssessment cites), its value a
/// <c>valueQuantity</c> in <see cref="Ucum"/> or in one of the field's alternative units (their UCUM codes), a
/// <c>valueInteger</c>/<c>valueBoolean</c> for counts and yes/no, or a <c>valueCodeableConcept</c> among
/// <see cref="Answers"/>. <see cref="Citation"/> says where the codes were checked; <see cref="Approximation"/>
/// says honestly where the standard code does not mean exactly what the model's input means.
/// </summary>
public sealed record FhirForm(FhirSource Source, IReadOnlyList<ObservationCode> Codes, string? Ucum, string Citation)
{
    /// <summary>
    /// This project's code system, for inputs no standard code names (the Cleveland work-up's findings, questionnaire
    /// answers, the Pima pedigree score). Its codes are the fields' snake_case names; docs/fhir.md publishes them.
    /// </summary>
    public const string ProjectSystem = "https://healthoracle.example.org/fhir/CodeSystem/clinical-input";

    private const string LoincCitation = "LOINC (Regenstrief Institute), loinc.org";

    /// <summary>When a value's standard code means something close to, not exactly, the model's input: what differs.</summary>
    public string? Approximation { get; init; }

    /// <summary>A panel whose <c>component</c> may carry the value instead (85354-9, the blood-pressure panel).</summary>
    public FhirCode? Panel { get; init; }

    /// <summary>Coded answers and the values they stand for (smoking status, dipstick grades).</summary>
    public IReadOnlyList<FhirAnswer> Answers { get; init; } = [];

    /// <summary>
    /// For a yes/no field defined by a threshold on a measurement (fasting blood sugar above 120 mg/dl): the
    /// measurement's codes give 1 above this value (in <see cref="Ucum"/>) and 0 otherwise.
    /// </summary>
    public double? Above { get; init; }

    public static FhirForm BirthDate { get; } = new(FhirSource.BirthDate, [], "a", "FHIR R4 Patient.birthDate: age in whole years on the day of the assessment");

    public static FhirForm Gender { get; } = new(FhirSource.Gender, [], null, "FHIR R4 Patient.gender (AdministrativeGender): male = 1, female = 0; other or unknown leave the field unset");

    /// <summary>An observation coded in LOINC, its value in <paramref name="ucum"/>.</summary>
    public static FhirForm Lab(string? ucum, params ObservationCode[] codes) => new(FhirSource.Observation, codes, ucum, LoincCitation);

    /// <summary>An input no standard code names: an observation coded <c>ProjectSystem#name</c>.</summary>
    public static FhirForm Project(string name, string display, string? ucum, string why) =>
        new(FhirSource.Observation, [new ObservationCode(FhirCode.OfProject(name, display))], ucum, "This project's code system (docs/fhir.md): " + why);

    public static ObservationCode Loinc(string code, string display) => new(FhirCode.OfLoinc(code, display));
}
