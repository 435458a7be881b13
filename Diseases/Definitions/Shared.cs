using HealthOracle.Diseases.Fields;

namespace HealthOracle.Diseases.Definitions;

/// <summary>Codes, units and healthy ranges more than one disease uses, with their sources, written once.</summary>
internal static class Shared
{
    public static readonly FieldCode[] Sex = [new(0, "Female"), new(1, "Male")];

    public const string BloodPressureGuideline =
        "2017 ACC/AHA Guideline for the Prevention, Detection, Evaluation, and Management of High Blood Pressure in Adults (normal: below 120/80 mm Hg)";

    public const string BmiGuideline = "WHO: a healthy body mass index is 18.5–24.9 kg/m²";

    public const string ActivityGuideline = "WHO 2020 guidelines on physical activity: at least 150 minutes of moderate activity a week (30 minutes on 5 days)";

    public static readonly HealthyTarget SystolicPressure = new(90, 120, BloodPressureGuideline);

    public static readonly HealthyTarget DiastolicPressure = new(60, 80, BloodPressureGuideline);

    public static readonly HealthyTarget Bmi = new(18.5, 24.9, BmiGuideline);

    // How the shared inputs appear in FHIR R4. LOINC codes checked against LOINC's long common names (loinc.org) and
    // the FHIR R4 vital-signs profile (hl7.org/fhir/R4/observation-vitalsigns.html) for 8480-6, 8462-4, 85354-9, 39156-5.
    public static readonly FhirCode BloodPressurePanel = FhirCode.OfLoinc("85354-9", "Blood pressure panel with all children optional");

    public static readonly FhirForm SystolicFhir =
        FhirForm.Lab("mm[Hg]", FhirForm.Loinc("8480-6", "Systolic blood pressure")) with { Panel = BloodPressurePanel };

    public static readonly FhirForm DiastolicFhir =
        FhirForm.Lab("mm[Hg]", FhirForm.Loinc("8462-4", "Diastolic blood pressure")) with { Panel = BloodPressurePanel };

    public static readonly FhirForm BmiFhir = FhirForm.Lab("kg/m2", FhirForm.Loinc("39156-5", "Body mass index (BMI) [Ratio]"));

    // Tobacco smoking status answers (the US Core / FHIR smoking-status value set, SNOMED CT): never = 0, any current or
    // former smoking = 1. "Unknown if ever smoked" (266927001) is no answer: the field stays unset.
    public static readonly FhirAnswer[] SmokingAnswers =
    [
        new(FhirCode.OfSnomed("266919005", "Never smoked tobacco"), 0),
        new(FhirCode.OfSnomed("8517006", "Ex-smoker"), 1),
        new(FhirCode.OfSnomed("449868002", "Smokes tobacco daily"), 1),
        new(FhirCode.OfSnomed("428041000124106", "Occasional tobacco smoker"), 1),
        new(FhirCode.OfSnomed("77176002", "Smoker"), 1),
        new(FhirCode.OfSnomed("428071000124103", "Heavy tobacco smoker"), 1),
        new(FhirCode.OfSnomed("428061000124105", "Light tobacco smoker"), 1),
    ];

    // Dipstick grades as SNOMED CT qualifier values (Negative, +, ++, +++, ++++); 5+ has no SNOMED CT qualifier and is
    // read from valueInteger 5 or the text "5+".
    public static readonly FhirAnswer[] DipstickAnswers =
    [
        new(FhirCode.OfSnomed("260385009", "Negative"), 0),
        new(FhirCode.OfSnomed("260347006", "+"), 1),
        new(FhirCode.OfSnomed("260348001", "++"), 2),
        new(FhirCode.OfSnomed("260349009", "+++"), 3),
        new(FhirCode.OfSnomed("260350009", "++++"), 4),
    ];

    // The same grades as SNOMED CT findings, as Synthea and UK records write a protein dipstick (the "Presence In Urine"
    // value set of HL7's FHIR shorthand examples, and Synthea's own exports: 167273002 to 167278006). "Trace" has no
    // grade of the 0-5 scale and is no answer.
    public static readonly FhirAnswer[] ProteinDipstickAnswers =
    [
        .. DipstickAnswers,
        new(FhirCode.OfSnomed("167273002", "Urine protein test negative"), 0),
        new(FhirCode.OfSnomed("167275009", "Urine protein test = +"), 1),
        new(FhirCode.OfSnomed("167276005", "Urine protein test = ++"), 2),
        new(FhirCode.OfSnomed("167277001", "Urine protein test = +++"), 3),
        new(FhirCode.OfSnomed("167278006", "Urine protein test = ++++"), 4),
    ];

    // Synthea writes a glucose dipstick as the finding "Urine glucose test = ++" (167265006); the finding's other grades
    // are read from its text ("Urine glucose test = + (finding)"), their codes not being checked here.
    public static readonly FhirAnswer[] GlucoseDipstickAnswers =
    [
        .. DipstickAnswers,
        new(FhirCode.OfSnomed("167265006", "Urine glucose test = ++"), 2),
    ];

    /// <summary>A urea nitrogen (BUN) code read as urea: urea/urea nitrogen = 60.056 / 28.0134 (two nitrogens, 14.0067 g/mol each).</summary>
    public static ObservationCode UreaNitrogen(string code, string display) =>
        new(FhirCode.OfLoinc(code, display), 60.056 / 28.0134, "urea nitrogen to urea: urea's molar mass 60.056 g/mol over its two nitrogens' 28.0134 g/mol (mg/dl BUN × 2.1438 = mg/dl urea)");

    public static readonly HealthyTarget None = new(0, 0, "Not smoking and not drinking regularly are the healthy choices (WHO)");

    // Exact factors from molar masses (IUPAC standard atomic weights), so that a lab's SI value maps to
    // the field's conventional unit without rounding a lab would not make.
    public static readonly AlternativeUnit GlucoseMmol = new("mmol/l", 18.0156, "glucose, C6H12O6, 180.156 g/mol: 1 mmol/l = 18.0156 mg/dl") { Ucum = "mmol/L" };

    public static readonly AlternativeUnit CholesterolMmol = new("mmol/l", 38.6654, "cholesterol, C27H46O, 386.654 g/mol: 1 mmol/l = 38.6654 mg/dl") { Ucum = "mmol/L" };

    public static readonly AlternativeUnit BilirubinMicromol = new("µmol/l", 0.0584673, "bilirubin, C33H36N4O6, 584.673 g/mol: 1 µmol/l = 0.0584673 mg/dl") { Ucum = "umol/L" };

    public static readonly AlternativeUnit CreatinineMicromol = new("µmol/l", 0.0113118, "creatinine, C4H7N3O, 113.118 g/mol: 1 µmol/l = 0.0113118 mg/dl") { Ucum = "umol/L" };

    public static readonly AlternativeUnit UreaMmol = new("mmol/l", 6.0056, "urea, CH4N2O, 60.056 g/mol: 1 mmol/l = 6.0056 mg/dl") { Ucum = "mmol/L" };

    public static readonly AlternativeUnit GramsPerLitre = new("g/l", 0.1, "1 g/l = 0.1 g/dl") { Ucum = "g/L" };

    public static readonly AlternativeUnit EnzymeMicrokatal = new("µkat/l", 60, "1 µkat/l = 60 U/l (1 U = 1 µmol/min = 1/60 µkat, by definition)") { Ucum = "ukat/L" };
}
