using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases.Definitions;

/// <summary>
/// Chronic kidney disease, from routine tests (UCI Chronic Kidney Disease, Apollo Hospitals, 2015). The
/// inputs are what a clinician has after a basic blood panel, a blood count, a urine dipstick and a blood
/// pressure reading, with the history of hypertension and diabetes; see the definition's Notes for what
/// was left out and why.
/// </summary>
public static class Kidney
{
    public const string Key = "kidney";

    private const string Kdigo = "KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease";

    private static readonly FieldCode[] DipstickGrades =
        [new(0, "0 (negative)"), new(1, "1+"), new(2, "2+"), new(3, "3+"), new(4, "4+"), new(5, "5+")];

    public static DiseaseDefinition Definition { get; } = new(
        Key,
        "Chronic kidney disease",
        "Chance that routine test results belong to a person with chronic kidney disease, from a case-control sample of one hospital.",
        [
            FieldDefinition.Integer("age", "Age", "years", 1, 120, "Age in years.") with { Expected = new(Direction.Raises, Kdigo) },
            FieldDefinition.Number("blood_pressure", "Blood pressure", "mm Hg", 40, 180, "Diastolic blood pressure.") with
            {
                Target = Shared.DiastolicPressure,
                Expected = new(Direction.Raises, Kdigo + ": hypertension"),
            },
            new FieldDefinition("specific_gravity", "Urine specific gravity", FieldKind.Number, null, 1.000, 1.040,
                "Specific gravity of urine, from a dipstick (1.005–1.025 in steps of 0.005). Omit if not measured.", Required: false)
            {
                Expected = new(Direction.Lowers, Kdigo + ": failing kidneys lose the ability to concentrate urine"),
            },
            FieldDefinition.Coded("albumin", "Urine albumin (dipstick)", "Albumin (protein) in urine, dipstick grade 0–5. Omit if not measured.", DipstickGrades) with
            {
                Required = false,
                Expected = new(Direction.Raises, Kdigo + ": albuminuria"),
            },
            FieldDefinition.Coded("sugar", "Urine sugar (dipstick)", "Sugar (glucose) in urine, dipstick grade 0–5. Omit if not measured.", DipstickGrades) with
            {
                Required = false,
                Expected = new(Direction.Raises, Kdigo + ": diabetes is the leading cause of CKD"),
            },
            FieldDefinition.Number("blood_glucose_random", "Blood glucose (random)", "mg/dl", 20, 600, "Blood glucose at any time of day. Omit if not measured.", required: false) with
            {
                AlternativeUnits = [Shared.GlucoseMmol],
                Target = new(70, 139, "ADA Standards of Care: below 140 mg/dl two hours after a glucose load is normal; a random glucose of 200 or more with symptoms is diabetes"),
                Expected = new(Direction.Raises, Kdigo + ": diabetes is the leading cause of CKD"),
            },
            FieldDefinition.Number("blood_urea", "Blood urea", "mg/dl", 1, 400, "Blood urea (not urea nitrogen). Omit if not measured.", required: false) with
            {
                AlternativeUnits = [Shared.UreaMmol],
                Expected = new(Direction.Raises, Kdigo + ": urea accumulates as filtration falls"),
            },
            FieldDefinition.Number("serum_creatinine", "Serum creatinine", "mg/dl", 0.1, 80, "Serum creatinine.") with
            {
                AlternativeUnits = [Shared.CreatinineMicromol],
                Expected = new(Direction.Raises, Kdigo + ": creatinine rises as the glomerular filtration rate falls"),
            },
            FieldDefinition.Number("hemoglobin", "Haemoglobin", "g/dl", 3, 20, "Haemoglobin, from a blood count.") with
            {
                AlternativeUnits = [Shared.GramsPerLitre],
                Expected = new(Direction.Lowers, Kdigo + ": anaemia of CKD"),
            },
            FieldDefinition.YesNo("hypertension", "Hypertension", "Whether the person has been diagnosed with high blood pressure.") with
            {
                Expected = new(Direction.Raises, Kdigo),
            },
            FieldDefinition.YesNo("diabetes_mellitus", "Diabetes", "Whether the person has been diagnosed with diabetes.") with
            {
                Expected = new(Direction.Raises, Kdigo),
            },
        ],
        new CategoryAdvice(
            Low:
            [
                "The model finds these test results unlike those of the kidney patients it learned from. That does not rule out kidney disease.",
                "Keeping blood pressure and blood sugar in range and not smoking protect the kidneys.",
                "If you have diabetes or high blood pressure, ask your doctor how often your kidney function should be checked.",
            ],
            Moderate:
            [
                "The model finds these test results partly like those of the kidney patients it learned from.",
                "Ask your doctor whether an eGFR blood test and a urine albumin test are right for you: they are how kidney disease is diagnosed.",
                "Keeping blood pressure and blood sugar in range protects the kidneys; check pain killers and supplements with a pharmacist.",
            ],
            High:
            [
                "The model finds these test results much like those of the kidney patients it learned from.",
                "Please make an appointment with your doctor soon: an eGFR blood test and a urine albumin test can confirm or rule out kidney disease.",
                "Passing very little urine, swelling of the legs or face, breathlessness or confusion need urgent care.",
            ]),
        new Population(
            "Patients of Apollo Hospitals, Karaikudi, Tamil Nadu, India (2015): a case-control sample of 250 people with chronic kidney disease " +
            "and 150 without, aged 2–90. Real-world accuracy will be lower than on this sample.",
            0.091,
            "GBD Chronic Kidney Disease Collaboration, Global, regional, and national burden of chronic kidney disease, 1990–2017, Lancet 2020;395:709–733: " +
            "697.5 million cases of all-stage chronic kidney disease in 2017, a global prevalence of 9.1%.")
        {
            CorrectToPrevalence = true,
            RelativeTo = "The percentage is relative to a population in which 9.1% have chronic kidney disease of any stage (the worldwide estimate for 2017), not to the " +
                "case-control sample the model learned from, in which 62.5% were patients: the model's intercept is corrected from one to the other. The patients " +
                "were mostly far advanced, so real-world accuracy will be lower.",
        },
        new TrainingPlan(
            new PublicDataSource(
                "kidney/chronic_kidney_disease_full.arff",
                "414ea755fce8186c903c6b1d86459e47c9b68fb6414438b3ffe2d0f1d259f1ea",
                new Uri("https://archive.ics.uci.edu/static/public/336/chronic+kidney+disease.zip"),
                "UCI Machine Learning Repository, Chronic Kidney Disease (id 336), Apollo Hospitals, Karaikudi",
                "CC BY 4.0",
                "Rubini, L., Soundarapandian, P., & Eswaran, P. (2015). Chronic Kidney Disease [Dataset]. UCI Machine Learning Repository. https://doi.org/10.24432/C5G020",
                "`?` marks a missing value and is read as missing (most in haemoglobin, glucose and the dipstick grades). Values are trimmed of stray " +
                "white space; an empty cell is a stray separator (ARFF writes a missing value as `?`) and is dropped, which mends the two rows with a " +
                "trailing comma and the one with `,,`. Hypertension and diabetes yes/no are coded 1/0; class ckd is the disease.",
                new TableLayout(TableFormat.Arff, new OutcomeColumn("class", Disease: ["ckd"], NoDisease: ["notckd"]))
                {
                    ColumnOf = new Dictionary<string, string>
                    {
                        ["blood_pressure"] = "bp",
                        ["specific_gravity"] = "sg",
                        ["albumin"] = "al",
                        ["sugar"] = "su",
                        ["blood_glucose_random"] = "bgr",
                        ["blood_urea"] = "bu",
                        ["serum_creatinine"] = "sc",
                        ["hemoglobin"] = "hemo",
                        ["hypertension"] = "htn",
                        ["diabetes_mellitus"] = "dm",
                    },
                    Words = new Dictionary<string, IReadOnlyDictionary<string, double>>
                    {
                        ["hypertension"] = TableLayout.YesNo,
                        ["diabetes_mellitus"] = TableLayout.YesNo,
                    },
                    MissingMarkers = ["?"],
                })
            {
                ArchiveEntry = "chronic_kidney_disease_full.arff",
            },
            TrainingPlan.DefaultCandidates)
        {
            SkewedFields = ["blood_glucose_random", "blood_urea", "serum_creatinine"],
            Notes =
                "Inputs: what a clinician has from routine tests — a basic blood panel (glucose, urea, creatinine), a blood count (haemoglobin), a urine " +
                "dipstick (specific gravity, albumin, sugar), a blood pressure reading and the history of hypertension and diabetes. Left out: urine " +
                "microscopy (red cells, pus cells, clumps, bacteria: not routine, up to 38% missing), sodium and potassium (22% missing), packed cell " +
                "volume and white and red cell counts (redundant with haemoglobin, 18–33% missing), and coronary disease, appetite, pedal oedema and " +
                "anaemia (diagnoses and symptoms rather than tests; anaemia repeats haemoglobin). " +
                "**Read the metrics with care.** This data set is a case-control sample from one hospital (62.5% with the disease, against roughly " +
                "10% of adults worldwide) and nearly separable: a simple model reaches a cross-validated AUC near 0.999. Patients there were mostly " +
                "far advanced; real-world accuracy, on people whose kidney function is only starting to fall, will be lower. The served model's intercept " +
                "is corrected from the sample's 62.5% to the worldwide prevalence of 9.1% (see Population), so its percentages are not this sample's.",
        })
    {
        Notice = "Learned from a case-control sample of one hospital in which the model tells patients from controls almost perfectly; real-world " +
            "accuracy will be lower. The percentage is corrected from that sample (62.5% with kidney disease) to a population in which 9.1% have it.",
        Plausibility =
        [
            new PlausibilityCheck(
                "serum_creatinine",
                [ValueCondition.AtLeast("serum_creatinine", 20)],
                "A serum creatinine this high is very rare (it is usually below 1.3 mg/dl). If your lab reports µmol/l, choose that unit.",
                SuggestFactor: 0.0113118),
        ],
        ShortName = "Kidney",
        Example = new Dictionary<string, double>
        {
            ["age"] = 48, ["blood_pressure"] = 80, ["specific_gravity"] = 1.020, ["albumin"] = 1, ["sugar"] = 0,
            ["blood_glucose_random"] = 121, ["blood_urea"] = 36, ["serum_creatinine"] = 1.2, ["hemoglobin"] = 15.4,
            ["hypertension"] = 1, ["diabetes_mellitus"] = 1,
        },
        Healthy = new HealthyExample(
            "A 35-year-old without hypertension or diabetes, with normal kidney tests and blood count.",
            new Dictionary<string, double>
            {
                ["age"] = 35, ["blood_pressure"] = 75, ["specific_gravity"] = 1.020, ["albumin"] = 0, ["sugar"] = 0, ["blood_glucose_random"] = 95,
                ["blood_urea"] = 28, ["serum_creatinine"] = 0.8, ["hemoglobin"] = 14, ["hypertension"] = 0, ["diabetes_mellitus"] = 0,
            },
            Kdigo + "; " + Shared.BloodPressureGuideline + " (blood urea 15–43 mg/dl is urea nitrogen 7–20 mg/dl × 2.14)"),
        Requires = "A basic blood panel (creatinine; glucose and urea if measured), a blood count (haemoglobin), a blood pressure reading and, if done, a urine dipstick.",
    };
}
