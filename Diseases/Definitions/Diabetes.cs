using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases.Definitions;

/// <summary>Type 2 diabetes, from a routine examination and a glucose tolerance test (Pima Indians).</summary>
public static class Diabetes
{
    public const string Key = "diabetes";

    private const string RiskFactors = "ADA Standards of Care in Diabetes, section 2 (risk-based screening: age, overweight, family history, hypertension, gestational diabetes)";

    public static DiseaseDefinition Definition { get; } = new(
        Key,
        "Diabetes",
        "Risk of type 2 diabetes, from a routine examination and an oral glucose tolerance test.",
        [
            FieldDefinition.Integer("pregnancies", "Pregnancies", "count", 0, 20, "Number of times pregnant (0 if never, or not applicable).") with
            {
                Fhir = FhirForm.Lab("1", FhirForm.Loinc("11996-6", "[#] Pregnancies")),
                Expected = new(Direction.Raises,
                    "Nicholson et al., Parity and risk of type 2 diabetes (ARIC), Diabetes Care 2006: five or more live births, hazard ratio 1.27 after adjustment; " +
                    "and each pregnancy is a chance of gestational diabetes, a risk factor in the ADA Standards of Care (the association is weak: not a strong direction)"),
            },
            FieldDefinition.Number("glucose", "Glucose", "mg/dl", 40, 400, "Plasma glucose two hours into an oral glucose tolerance test.") with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("1518-0", "Glucose [Mass/volume] in Serum or Plasma --2 hours post 75 g glucose PO")),
                AlternativeUnits = [Shared.GlucoseMmol],
                Target = new(70, 139, "ADA Standards of Care: a 2-hour glucose below 140 mg/dl in a glucose tolerance test is normal"),
                Expected = new(Direction.Raises, "ADA Standards of Care: 140–199 mg/dl at 2 hours is prediabetes, 200 or more diabetes"),
            },
            FieldDefinition.Number("blood_pressure", "Blood pressure", "mm Hg", 20, 180, "Diastolic blood pressure.") with
            {
                Fhir = Shared.DiastolicFhir,
                Target = Shared.DiastolicPressure,
                Expected = new(Direction.Raises, RiskFactors),
            },
            FieldDefinition.Number("skin_thickness", "Skin thickness", "mm", 5, 110, "Triceps skin-fold thickness. Omit if not measured.", required: false) with
            {
                Fhir = FhirForm.Project("skin_thickness", "Triceps skin-fold thickness", "mm", "no LOINC code for a triceps skin fold was found that could be checked; 39106-0, which some Pima mappings use, is Temperature of Skin"),
                ZeroMeansNotMeasured = true,
                Expected = new(Direction.Raises, RiskFactors + ": a skin fold measures body fat"),
            },
            FieldDefinition.Number("insulin", "Insulin", "µU/ml", 10, 1000, "Serum insulin two hours into the glucose test. Omit if not measured.", required: false) with
            {
                Fhir = FhirForm.Lab("u[IU]/mL", FhirForm.Loinc("20448-7", "Insulin [Units/volume] in Serum or Plasma")) with { Approximation = "20448-7 has no time point; the model learned from insulin two hours into a glucose test, so a fasting or random insulin is read as if it were that." },
                ZeroMeansNotMeasured = true,
            },
            FieldDefinition.Number("bmi", "Body mass index", "kg/m²", 10, 80, "Weight in kg divided by the square of height in m.") with
            {
                Fhir = Shared.BmiFhir,
                Target = Shared.Bmi,
                Expected = new(Direction.Raises, RiskFactors),
            },
            FieldDefinition.Number("diabetes_pedigree", "Diabetes pedigree function", "score", 0, 3, "A score of diabetes in the family history (Pima study definition).") with
            {
                Fhir = FhirForm.Project("diabetes_pedigree", "Diabetes pedigree function (Pima study score)", "1", "a score defined by the Pima study (Smith et al. 1988), not a clinical measurement"),
                Expected = new(Direction.Raises, RiskFactors + ": family history"),
            },
            FieldDefinition.Integer("age", "Age", "years", 18, 120, "Age in years.") with { Fhir = FhirForm.BirthDate, Expected = new(Direction.Raises, RiskFactors) },
        ],
        new CategoryAdvice(
            Low:
            [
                "The model estimates a low chance of diabetes from these values. A low estimate does not rule it out.",
                "A healthy weight, regular activity and limiting sugary drinks help keep blood sugar in range.",
                "Have your blood sugar checked at the intervals your doctor recommends, especially if diabetes runs in your family.",
            ],
            Moderate:
            [
                "The model estimates a moderate chance of diabetes from these values.",
                "Ask your doctor whether a blood test (fasting glucose or HbA1c) is right for you.",
                "Losing a little weight if you are overweight and being active most days clearly lower the risk of type 2 diabetes.",
            ],
            High:
            [
                "The model estimates a high chance of diabetes from these values.",
                "Please see your doctor soon: a blood test (fasting glucose or HbA1c) can confirm or rule out diabetes.",
                "Great thirst, passing urine often, unexplained weight loss or blurred vision are reasons to seek care promptly.",
            ]),
        new Population(
            "Women of Pima Indian heritage aged 21 or more, near Phoenix, Arizona.",
            0.349,
            "The training data itself: 268 of the 768 women (34.9%) had diabetes (Smith et al., 1988).")
        {
            Brief = "Pima women (35% had diabetes)",
            RelativeTo = "The percentage is relative to women of Pima Indian heritage, of whom 35% had diabetes in this study, one of the highest rates in the world. " +
                "For people from populations where diabetes is less common, the same values mean a lower chance.",
            TimeFrame = "Not stated in the data: the outcome is whether the woman showed diabetes by WHO criteria (a 2-hour glucose of 200 mg/dl or more) at a later survey examination or in routine care; Smith et al. (1988) used it to forecast onset within five years. Read the estimate as having or developing diabetes within a few years, not as a risk over a stated period.",
        },
        new TrainingPlan(
            new PublicDataSource(
                "diabetes/pima-indians-diabetes.csv",
                "712ff64dd88ef8c18e038d116c9744aa51652cb9019e59582ebf5e29b11f2928",
                new Uri("https://raw.githubusercontent.com/jbrownlee/Datasets/master/pima-indians-diabetes.data.csv"),
                "National Institute of Diabetes and Digestive and Kidney Diseases; donated by V. Sigillito, Johns Hopkins APL (1990)",
                "Public research data set (as distributed with Weka, GPL-2+)",
                "Smith, J. W., Everhart, J. E., Dickson, W. C., Knowler, W. C., & Johannes, R. S. (1988). Using the ADAP learning algorithm to forecast the onset of diabetes mellitus. Proceedings of the Symposium on Computer Applications in Medical Care, 261–265.",
                "Zeros in glucose, blood_pressure, skin_thickness, insulin and bmi are missing values, not measurements, and are read as missing (652 values, most in insulin and skin_thickness).",
                new TableLayout(TableFormat.CsvWithHeader, new OutcomeColumn("outcome", Disease: ["1"], NoDisease: ["0"]))
                {
                    ZeroIsMissing = ["glucose", "blood_pressure", "skin_thickness", "insulin", "bmi"],
                })
            {
                DownloadHeader = "pregnancies,glucose,blood_pressure,skin_thickness,insulin,bmi,diabetes_pedigree,age,outcome",
            },
            TrainingPlan.DefaultCandidates)
        {
            SkewedFields = ["insulin", "diabetes_pedigree"],
            Target = new(0.835, 0.160, "AUC 0.87 on data it was trained on, Brier 0.18"),
        })
    {
        ShortName = "Diabetes",
        Outcome = FhirCode.OfSnomed("44054006", "Diabetes mellitus type 2"),
        Example = new Dictionary<string, double>
        {
            ["pregnancies"] = 6, ["glucose"] = 148, ["blood_pressure"] = 72, ["skin_thickness"] = 35, ["insulin"] = 94,
            ["bmi"] = 33.6, ["diabetes_pedigree"] = 0.627, ["age"] = 50,
        },
        Healthy = new HealthyExample(
            "A 30-year-old woman after one pregnancy, with a normal glucose tolerance test (95 mg/dl at 2 hours), blood pressure 70 mm Hg diastolic and a body mass index of 22.",
            new Dictionary<string, double>
            {
                ["pregnancies"] = 1, ["glucose"] = 95, ["blood_pressure"] = 70, ["skin_thickness"] = 20, ["insulin"] = 80, ["bmi"] = 22,
                ["diabetes_pedigree"] = 0.25, ["age"] = 30,
            },
            "ADA Standards of Care (2-hour glucose below 140 mg/dl); " + Shared.BloodPressureGuideline + "; " + Shared.BmiGuideline),
        Cases =
        [
            new ClinicalCase(
                "A 57-year-old woman after eight pregnancies, with a 2-hour glucose of 196 mg/dl, a body mass index of 37.5, a diastolic 76, insulin 280 and a family history (pedigree 0.6).",
                new Dictionary<string, double>
                {
                    ["pregnancies"] = 8, ["glucose"] = 196, ["blood_pressure"] = 76, ["skin_thickness"] = 29, ["insulin"] = 280, ["bmi"] = 37.5,
                    ["diabetes_pedigree"] = 0.6, ["age"] = 57,
                },
                RiskCategory.High,
                RiskCategory.High,
                "A 2-hour glucose just under the 200 mg/dl of diabetes with severe obesity, age and family history (ADA Standards of Care, section 2)."),
        ],

        Requires = "An oral glucose tolerance test (glucose and, if measured, insulin two hours in), blood pressure, weight and height.",
    };
}
