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

    public static readonly HealthyTarget None = new(0, 0, "Not smoking and not drinking regularly are the healthy choices (WHO)");

    // Exact factors from molar masses (IUPAC standard atomic weights), so that a lab's SI value maps to
    // the field's conventional unit without rounding a lab would not make.
    public static readonly AlternativeUnit GlucoseMmol = new("mmol/l", 18.0156, "glucose, C6H12O6, 180.156 g/mol: 1 mmol/l = 18.0156 mg/dl");

    public static readonly AlternativeUnit CholesterolMmol = new("mmol/l", 38.6654, "cholesterol, C27H46O, 386.654 g/mol: 1 mmol/l = 38.6654 mg/dl");

    public static readonly AlternativeUnit BilirubinMicromol = new("µmol/l", 0.0584673, "bilirubin, C33H36N4O6, 584.673 g/mol: 1 µmol/l = 0.0584673 mg/dl");

    public static readonly AlternativeUnit CreatinineMicromol = new("µmol/l", 0.0113118, "creatinine, C4H7N3O, 113.118 g/mol: 1 µmol/l = 0.0113118 mg/dl");

    public static readonly AlternativeUnit UreaMmol = new("mmol/l", 6.0056, "urea, CH4N2O, 60.056 g/mol: 1 mmol/l = 6.0056 mg/dl");

    public static readonly AlternativeUnit GramsPerLitre = new("g/l", 0.1, "1 g/l = 0.1 g/dl");

    public static readonly AlternativeUnit EnzymeMicrokatal = new("µkat/l", 60, "1 µkat/l = 60 U/l (1 U = 1 µmol/min = 1/60 µkat, by definition)");
}
