using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases.Definitions;

/// <summary>Coronary artery disease, from a cardiac work-up (UCI Cleveland).</summary>
public static class Heart
{
    public const string Key = "heart";

    private const string RiskFactors = "ACC/AHA Pooled Cohort Equations (Goff et al., Circulation 2014) and the Framingham risk factors";
    private const string ExerciseTest = "Exercise-test findings that predict coronary disease (Detrano et al., Am J Cardiol 1989; ACC/AHA exercise testing guideline, Gibbons et al. 2002)";

    public static DiseaseDefinition Definition { get; } = new(
        Key,
        "Heart disease",
        "Risk of coronary artery disease (more than 50% narrowing of a major vessel), from a cardiac work-up.",
        [
            FieldDefinition.Integer("age", "Age", "years", 18, 120, "Age in years.") with { Fhir = FhirForm.BirthDate, Expected = new(Direction.Raises, RiskFactors) },
            FieldDefinition.Coded("sex", "Sex", "Sex recorded at birth.", Shared.Sex) with { Fhir = FhirForm.Gender, Expected = new(Direction.Raises, RiskFactors + ": male sex") },
            FieldDefinition.Coded("cp", "Chest pain type", "Type of chest pain.",
                new(1, "Typical angina"), new(2, "Atypical angina"), new(3, "Non-anginal pain"), new(4, "Asymptomatic")) with
            {
                Fhir = FhirForm.Project("cp", "Chest pain type (Cleveland: 1 typical angina, 2 atypical, 3 non-anginal, 4 asymptomatic)", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding"),
                FactorNote = "In this referral sample disease was most common in people without chest pain (105 of 144 asymptomatic patients, 73%, " +
                    "against 7 of 23 with typical angina, 30%): they had been referred because of other findings. Clinically, typical angina is the " +
                    "symptom that most suggests coronary disease (Diamond and Forrester, N Engl J Med 1979), so read this factor as a feature of the sample, not of the symptom.",
            },
            FieldDefinition.Number("trestbps", "Resting blood pressure", "mm Hg", 60, 250, "Systolic blood pressure at rest, on admission.") with
            {
                Fhir = Shared.SystolicFhir with { Approximation = "The model learned from the resting systolic pressure on admission; any systolic reading (8480-6) is taken." },
                Target = Shared.SystolicPressure,
                Expected = new(Direction.Raises, RiskFactors),
            },
            FieldDefinition.Number("chol", "Serum cholesterol", "mg/dl", 80, 700, "Total serum cholesterol.") with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma"), FhirForm.Loinc("14647-2", "Cholesterol [Moles/volume] in Serum or Plasma")),
                AlternativeUnits = [Shared.CholesterolMmol],
                Target = new(80, 200, "NCEP ATP III: a desirable total cholesterol is below 200 mg/dl"),
                Expected = new(Direction.Raises, RiskFactors),
            },
            FieldDefinition.Coded("fbs", "Fasting blood sugar above 120 mg/dl", "Whether fasting blood sugar is above 120 mg/dl.",
                new(0, "No (120 mg/dl or less)"), new(1, "Yes (above 120 mg/dl)")) with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("1558-6", "Fasting glucose [Mass/volume] in Serum or Plasma"), FhirForm.Loinc("14771-0", "Fasting glucose [Moles/volume] in Serum or Plasma")) with { Above = 120 },
                Target = new(0, 0, "ADA Standards of Care in Diabetes: a fasting plasma glucose below 100 mg/dl is normal, 126 or more is diabetes"),
                Expected = new(Direction.Raises, RiskFactors + ": diabetes"),
            },
            FieldDefinition.Coded("restecg", "Resting ECG", "Resting electrocardiogram result.",
                new(0, "Normal"), new(1, "ST-T wave abnormality"), new(2, "Left ventricular hypertrophy")) with { Fhir = FhirForm.Project("restecg", "Resting ECG (Cleveland: 0 normal, 1 ST-T abnormality, 2 left ventricular hypertrophy)", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding") },
            FieldDefinition.Number("thalach", "Maximum heart rate", "beats/min", 50, 230, "Maximum heart rate achieved during exercise testing.") with
            {
                Fhir = FhirForm.Project("thalach", "Maximum heart rate achieved in exercise testing", "/min", "LOINC's maximum heart rate codes are of other settings (24-hour, pedometer), not the peak of an exercise test"),
                Expected = new(Direction.Lowers, ExerciseTest + ": a low peak heart rate (chronotropic incompetence)"),
            },
            FieldDefinition.YesNo("exang", "Exercise-induced angina", "Whether exercise brought on angina.") with { Fhir = FhirForm.Project("exang", "Exercise-induced angina (0 no, 1 yes)", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding"), Expected = new(Direction.Raises, ExerciseTest) },
            FieldDefinition.Number("oldpeak", "ST depression", "mm", 0, 10, "ST depression induced by exercise relative to rest.") with { Fhir = FhirForm.Project("oldpeak", "ST depression induced by exercise relative to rest", "mm", "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding"), Expected = new(Direction.Raises, ExerciseTest) },
            FieldDefinition.Coded("slope", "ST segment slope", "Slope of the peak exercise ST segment.",
                new(1, "Upsloping"), new(2, "Flat"), new(3, "Downsloping")) with { Fhir = FhirForm.Project("slope", "Slope of the peak exercise ST segment (1 up, 2 flat, 3 down)", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding") },
            FieldDefinition.Coded("ca", "Major vessels coloured", "Number of major vessels (0–3) coloured by fluoroscopy.",
                new(0, "0 vessels"), new(1, "1 vessel"), new(2, "2 vessels"), new(3, "3 vessels")) with
            {
                Fhir = FhirForm.Project("ca", "Major vessels (0-3) coloured by fluoroscopy", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding"),
                Expected = new(Direction.Raises, "Fluoroscopic coronary calcification predicts angiographic disease (Detrano et al., Am J Cardiol 1989)"),
            },
            FieldDefinition.Coded("thal", "Thallium stress test", "Thallium scintigraphy result.",
                new(3, "Normal"), new(6, "Fixed defect"), new(7, "Reversible defect")) with { Fhir = FhirForm.Project("thal", "Thallium scintigraphy (3 normal, 6 fixed defect, 7 reversible defect)", null, "a finding of the Cleveland cardiac work-up (Detrano et al. 1989) that LOINC has no code for in this coding") },
        ],
        new CategoryAdvice(
            Low:
            [
                "The model estimates a low chance of coronary artery disease from these values. A low estimate does not rule it out.",
                "Keep up the habits that protect the heart: no smoking, regular activity, a diet rich in vegetables and whole grains.",
                "Have your blood pressure and cholesterol checked at the intervals your doctor recommends.",
            ],
            Moderate:
            [
                "The model estimates a moderate chance of coronary artery disease from these values.",
                "Discuss this result and your risk factors (blood pressure, cholesterol, blood sugar, smoking) with your doctor at your next visit.",
                "Regular physical activity, stopping smoking and a heart-healthy diet lower the risk whatever the estimate.",
            ],
            High:
            [
                "The model estimates a high chance of coronary artery disease from these values.",
                "Please make an appointment with your doctor soon to discuss these results and whether further tests are needed.",
                "Chest pain or pressure, breathlessness, or pain spreading to the arm, neck or jaw needs urgent care: call your local emergency number.",
            ]),
        new Population(
            "Patients referred for coronary angiography at the Cleveland Clinic Foundation (1981–1984), mostly men, aged 29–77.",
            0.459,
            "The training data itself: 139 of the 303 patients (45.9%) had more than 50% narrowing of a major vessel (Detrano et al., Am J Cardiol 1989).")
        {
            Brief = "angiography referrals at one clinic",
            RelativeTo = "The percentage is relative to patients referred for coronary angiography at one clinic, of whom 46% had coronary artery disease. " +
                "It is not a risk for the general population, in whom the disease is far less common: the inputs are results of a cardiac work-up, which only referred patients have.",
            TimeFrame = "None: the estimate is of coronary artery disease present at the time of the work-up (a diagnostic model; the outcome is the angiography of the same work-up), not a risk of developing it.",
        },
        new TrainingPlan(
            new PublicDataSource(
                "heart/processed.cleveland.data",
                "a74b7efa387bc9d108d7d0115d831fe9b414b29ae7124f331b622b4efa0427c8",
                new Uri("https://archive.ics.uci.edu/ml/machine-learning-databases/heart-disease/processed.cleveland.data"),
                "UCI Machine Learning Repository, Heart Disease (id 45), Cleveland Clinic Foundation",
                "CC BY 4.0",
                "Janosi, A., Steinbrunn, W., Pfisterer, M., & Detrano, R. (1989). Heart Disease [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C52P4X",
                "`?` marks a missing value (4 in ca, 2 in thal) and is read as missing. Disease is num > 0 (angiographic narrowing above 50% in any major vessel).",
                new TableLayout(TableFormat.Csv, new OutcomeColumn("num", Disease: ["1", "2", "3", "4"], NoDisease: ["0"]))
                {
                    Columns = ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal", "num"],
                    MissingMarkers = ["?"],
                }),
            TrainingPlan.DefaultCandidates)
        {
            Target = new(0.90, 0.125, "AUC 0.90 on data it was trained on, Brier 0.18"),
        })
    {
        ShortName = "Heart",
        Outcome = FhirCode.OfSnomed("53741008", "Coronary arteriosclerosis"),
        Example = new Dictionary<string, double>
        {
            ["age"] = 63, ["sex"] = 1, ["cp"] = 1, ["trestbps"] = 145, ["chol"] = 233, ["fbs"] = 1, ["restecg"] = 2,
            ["thalach"] = 150, ["exang"] = 0, ["oldpeak"] = 2.3, ["slope"] = 3, ["ca"] = 0, ["thal"] = 6,
        },
        Healthy = new HealthyExample(
            "A 35-year-old woman without chest pain, blood pressure 115 mm Hg, cholesterol 180 mg/dl, normal ECG, a normal exercise test reaching 185 beats/min and normal imaging.",
            new Dictionary<string, double>
            {
                ["age"] = 35, ["sex"] = 0, ["cp"] = 4, ["trestbps"] = 115, ["chol"] = 180, ["fbs"] = 0, ["restecg"] = 0,
                ["thalach"] = 185, ["exang"] = 0, ["oldpeak"] = 0, ["slope"] = 1, ["ca"] = 0, ["thal"] = 3,
            },
            Shared.BloodPressureGuideline + "; NCEP ATP III (total cholesterol below 200 mg/dl); a predicted maximum heart rate of 220 − age"),
        Cases =
        [
            new ClinicalCase(
                "A 67-year-old man without chest pain, resting blood pressure 160, cholesterol 286, an abnormal ECG, a maximum heart rate of 108, exercise angina with 1.5 mm ST depression on a flat slope, three vessels coloured and a reversible defect on thallium.",
                new Dictionary<string, double>
                {
                    ["age"] = 67, ["sex"] = 1, ["cp"] = 4, ["trestbps"] = 160, ["chol"] = 286, ["fbs"] = 0, ["restecg"] = 2, ["thalach"] = 108,
                    ["exang"] = 1, ["oldpeak"] = 1.5, ["slope"] = 2, ["ca"] = 3, ["thal"] = 7,
                },
                RiskCategory.High,
                RiskCategory.High,
                "Exercise-induced angina and ST depression, a reversible perfusion defect and three diseased vessels on fluoroscopy: coronary disease in all but name (Detrano et al., Am J Cardiol 1989)."),
        ],

        Requires = "Results of a cardiac work-up: an exercise (stress) test with ECG, fluoroscopy of the coronary vessels and a thallium scan.",
    };
}
