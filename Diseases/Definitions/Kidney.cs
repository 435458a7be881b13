using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases.Definitions;

/// <summary>
/// Chronic kidney disease, from routine tests (UCI Chronic Kidney Disease, Apollo Hospitals, 2015). The
/// inputs are what a clinician has after a basic blood panel, a blood count, a urine dipstick and a blood
/// pressure reading, with the history of hypertension and diabetes. The model is built around the definition
/// of CKD (KDIGO 2012): eGFR from creatinine, age and sex, and urine albumin; see the definition's Notes for
/// what was left out or given no weight, and why.
/// </summary>
public static class Kidney
{
    public const string Key = "kidney";

    private const string Kdigo = "KDIGO 2012 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease";

    /// <summary>What every factor of an input that acts through eGFR says.</summary>
    private const string EgfrNote =
        "Acts through eGFR: the model takes the kidney function that the CKD-EPI 2021 equation (without race) estimates from creatinine, age and sex; " +
        "CKD is defined by an eGFR below 60 ml/min/1.73 m² or by markers of kidney damage such as albumin in the urine (KDIGO 2012).";

    /// <summary>What every factor of a cause of CKD (not a marker of it) says: no weight, and why.</summary>
    private const string NotDefining =
        "No weight: high blood pressure and diabetes cause kidney disease but are not part of its definition (KDIGO 2012: reduced eGFR or markers " +
        "of kidney damage). Every control of this case-control sample was free of them (no hypertension or diabetes, a diastolic of 80 or less, " +
        "a random glucose of 140 or less, no sugar in the urine), so a weight would measure how the controls were chosen; with kidney function " +
        "and urine albumin measured, the model leaves this value out. People with high blood pressure or diabetes should have their kidney " +
        "function checked regularly.";

    private static readonly FieldCode[] DipstickGrades =
        [new(0, "0 (negative)"), new(1, "1+"), new(2, "2+"), new(3, "3+"), new(4, "4+"), new(5, "5+")];

    public static DiseaseDefinition Definition { get; } = new(
        Key,
        "Chronic kidney disease",
        "Chance that routine test results belong to a person with chronic kidney disease, from a case-control sample of one hospital.",
        [
            FieldDefinition.Integer("age", "Age", "years", 18, 120, "Age in years. The model is for adults: eGFR by the CKD-EPI 2021 equation is defined from 18.") with
            {
                Fhir = FhirForm.BirthDate,
                Expected = new(Direction.Raises, Kdigo + ": GFR falls with age"),
                FactorNote = EgfrNote + " Age also has its own term, held never to lower the estimate as age rises.",
            },
            FieldDefinition.Coded("sex", "Sex", "Sex recorded at birth, for the eGFR equation. Omit if not known: eGFR is then the mean of a woman's and a man's.", Shared.Sex) with
            {
                Fhir = FhirForm.Gender,
                Required = false,
                FactorNote = EgfrNote + " Sex is used for eGFR only (the training data do not record it, so every training row's eGFR is the mean of a " +
                    "woman's and a man's); at the same creatinine a woman's eGFR is lower.",
            },
            FieldDefinition.Number("blood_pressure", "Blood pressure", "mm Hg", 40, 180, "Diastolic blood pressure.") with
            {
                Fhir = Shared.DiastolicFhir,
                Target = Shared.DiastolicPressure,
                Expected = new(Direction.Raises, Kdigo + ": hypertension"),
                FactorNote = NotDefining,
            },
            new FieldDefinition("specific_gravity", "Urine specific gravity", FieldKind.Number, null, 1.000, 1.040,
                "Specific gravity of urine, from a dipstick (1.005–1.025 in steps of 0.005). Omit if not measured.", Required: false)
            {
                Fhir = FhirForm.Lab("1", FhirForm.Loinc("5811-5", "Specific gravity of Urine by Test strip")),
                Expected = new(Direction.Lowers, Kdigo + ": failing kidneys lose the ability to concentrate urine"),
                FactorNote = "No weight: a dilute urine (1.005–1.015) is normal after drinking, and every control of this sample had 1.020 or more, " +
                    "so a weight would call ordinary dilute urine kidney disease. KDIGO does not use specific gravity to define CKD.",
            },
            FieldDefinition.Coded("albumin", "Urine albumin (dipstick)", "Albumin (protein) in urine, dipstick grade 0–5. Omit if not measured.", DipstickGrades) with
            {
                Fhir = FhirForm.Lab(null, FhirForm.Loinc("20454-5", "Protein [Presence] in Urine by Test strip")) with { Answers = Shared.ProteinDipstickAnswers, Approximation = "The UCI data call it albumin; a urine dipstick grades protein, which is mostly albumin. Grades as valueInteger (0-5), SNOMED CT answers or text (Negative, 1+ ... 5+)." },
                Required = false,
                Expected = new(Direction.Raises, Kdigo + ": albuminuria"),
            },
            FieldDefinition.Coded("sugar", "Urine sugar (dipstick)", "Sugar (glucose) in urine, dipstick grade 0–5. Omit if not measured.", DipstickGrades) with
            {
                Fhir = FhirForm.Lab(null, FhirForm.Loinc("25428-4", "Glucose [Presence] in Urine by Test strip")) with { Answers = Shared.GlucoseDipstickAnswers },
                Required = false,
                Expected = new(Direction.Raises, Kdigo + ": diabetes is the leading cause of CKD"),
                FactorNote = NotDefining,
            },
            FieldDefinition.Number("blood_glucose_random", "Blood glucose (random)", "mg/dl", 20, 600, "Blood glucose at any time of day. Omit if not measured.", required: false) with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("2345-7", "Glucose [Mass/volume] in Serum or Plasma"), FhirForm.Loinc("2339-0", "Glucose [Mass/volume] in Blood"), FhirForm.Loinc("14749-6", "Glucose [Moles/volume] in Serum or Plasma")) with { Approximation = "2339-0 is whole blood, whose glucose reads about 11% below plasma's; it is taken as it is." },
                AlternativeUnits = [Shared.GlucoseMmol],
                Target = new(70, 139, "ADA Standards of Care: below 140 mg/dl two hours after a glucose load is normal; a random glucose of 200 or more with symptoms is diabetes"),
                Expected = new(Direction.Raises, Kdigo + ": diabetes is the leading cause of CKD"),
                FactorNote = NotDefining,
            },
            FieldDefinition.Number("blood_urea", "Blood urea", "mg/dl", 1, 400, "Blood urea (not urea nitrogen). Omit if not measured.", required: false) with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("3091-6", "Urea [Mass/volume] in Serum or Plasma"), FhirForm.Loinc("22664-7", "Urea [Moles/volume] in Serum or Plasma"), Shared.UreaNitrogen("3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma"), Shared.UreaNitrogen("6299-2", "Urea nitrogen [Mass/volume] in Blood")),
                AlternativeUnits = [Shared.UreaMmol],
                Expected = new(Direction.Raises, Kdigo + ": urea accumulates as filtration falls"),
            },
            FieldDefinition.Number("serum_creatinine", "Serum creatinine", "mg/dl", 0.1, 80, "Serum creatinine.") with
            {
                Fhir = FhirForm.Lab("mg/dL", FhirForm.Loinc("2160-0", "Creatinine [Mass/volume] in Serum or Plasma"), FhirForm.Loinc("38483-4", "Creatinine [Mass/volume] in Blood"), FhirForm.Loinc("14682-9", "Creatinine [Moles/volume] in Serum or Plasma")),
                AlternativeUnits = [Shared.CreatinineMicromol],
                Expected = new(Direction.Raises, Kdigo + ": creatinine rises as the glomerular filtration rate falls"),
                FactorNote = EgfrNote,
            },
            FieldDefinition.Number("hemoglobin", "Haemoglobin", "g/dl", 3, 20, "Haemoglobin, from a blood count.") with
            {
                Fhir = FhirForm.Lab("g/dL", FhirForm.Loinc("718-7", "Hemoglobin [Mass/volume] in Blood")),
                AlternativeUnits = [Shared.GramsPerLitre],
                Expected = new(Direction.Lowers, Kdigo + ": anaemia of CKD"),
            },
            FieldDefinition.YesNo("hypertension", "Hypertension", "Whether the person has been diagnosed with high blood pressure.") with
            {
                Fhir = FhirForm.Project("hypertension", "Diagnosed with high blood pressure (0 no, 1 yes)", null, "a diagnosis is a Condition in FHIR (SNOMED CT 38341003); this version reads it as a yes/no observation only"),
                Expected = new(Direction.Raises, Kdigo),
                FactorNote = NotDefining,
            },
            FieldDefinition.YesNo("diabetes_mellitus", "Diabetes", "Whether the person has been diagnosed with diabetes.") with
            {
                Fhir = FhirForm.Project("diabetes_mellitus", "Diagnosed with diabetes (0 no, 1 yes)", null, "a diagnosis is a Condition in FHIR (SNOMED CT 73211009); this version reads it as a yes/no observation only"),
                Expected = new(Direction.Raises, Kdigo),
                FactorNote = NotDefining,
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
            "Adults of Apollo Hospitals, Karaikudi, Tamil Nadu, India (2015): a case-control sample of 215 people with chronic kidney disease " +
            "and 141 without, aged 19–90. Real-world accuracy will be lower than on this sample.",
            0.091,
            "GBD Chronic Kidney Disease Collaboration, Global, regional, and national burden of chronic kidney disease, 1990–2017, Lancet 2020;395:709–733: " +
            "697.5 million cases of all-stage chronic kidney disease in 2017, a global prevalence of 9.1%.")
        {
            CorrectToPrevalence = true,
            Brief = "a population with 9.1% CKD",
            RelativeTo = "The percentage is relative to a population in which 9.1% have chronic kidney disease of any stage (the worldwide estimate for 2017), not to the " +
                "case-control sample the model learned from, in which 60.4% were patients: the model's intercept is corrected from one to the other. The patients " +
                "were mostly far advanced, so real-world accuracy will be lower.",
            TimeFrame = "None: the estimate is of chronic kidney disease present now (a diagnostic model), from one set of tests. KDIGO requires the " +
                "abnormality to last more than three months, which one set of tests cannot show: a low eGFR or albumin in the urine should be measured again.",
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
                    NotInData = ["sex"],
                })
            {
                ArchiveEntry = "chronic_kidney_disease_full.arff",
            },
            TrainingPlan.DefaultCandidates)
        {
            SkewedFields = ["blood_glucose_random", "blood_urea"],
            Derived =
            [
                new DerivedTerm("serum_creatinine", DerivedFormula.LnEgfrCkdEpi2021, ["serum_creatinine", "age", "sex"], "eGFR", Egfr.Unit, Egfr.Citation, Decreasing: true),
            ],
            Unweighted = ["sex", "blood_pressure", "specific_gravity", "sugar", "blood_glucose_random", "hypertension", "diabetes_mellitus"],
            Notes =
                "Inputs: what a clinician has from routine tests — a basic blood panel (glucose, urea, creatinine), a blood count (haemoglobin), a urine " +
                "dipstick (specific gravity, albumin, sugar), a blood pressure reading and the history of hypertension and diabetes. Left out: urine " +
                "microscopy (red cells, pus cells, clumps, bacteria: not routine, up to 38% missing), sodium and potassium (22% missing), packed cell " +
                "volume and white and red cell counts (redundant with haemoglobin, 18–33% missing), and coronary disease, appetite, pedal oedema and " +
                "anaemia (diagnoses and symptoms rather than tests; anaemia repeats haemoglobin). " +
                "**Read the metrics with care.** This data set is a case-control sample from one hospital (60.4% of the adults with the disease, against roughly " +
                "10% of adults worldwide) and nearly separable: a simple model reaches a cross-validated AUC near 0.98–0.99. Patients there were mostly " +
                "far advanced; real-world accuracy, on people whose kidney function is only starting to fall, will be lower. The served model's intercept " +
                "is corrected from the sample's 60.4% to the worldwide prevalence of 9.1% (see Population), so its percentages are not this sample's. " +
                "**Built around the definition of CKD** (KDIGO 2012: an eGFR below 60 ml/min/1.73 m² or markers of kidney damage, for more than three " +
                "months). The model takes eGFR (CKD-EPI 2021 without race, from creatinine, age and sex, computed inside the graph), urine albumin, " +
                "haemoglobin (anaemia of CKD), blood urea and age, each held to its direction. Causes of CKD that are not part of its definition " +
                "(hypertension, diabetes, blood pressure, urine sugar, blood glucose) and urine specific gravity stay inputs with no weight: every control " +
                "of this sample was free of them, so a weight would learn how the controls were chosen (any abnormality meant a patient), and told a " +
                "hypertensive or diabetic person with measured normal kidney function that they probably had CKD. " +
                "**Sex**: the data do not record it; every training row's eGFR is the mean of a woman's and a man's ln eGFR (up to about 16% from either), " +
                "which blurs eGFR a little and makes its weight, if anything, smaller than it would be; a caller who gives sex gets the exact eGFR. " +
                "**Out of population**: the equation and the model are for adults, so rows under 18 are left out and the form refuses an age under 18; " +
                "rows without a creatinine or an age are left out too (eGFR cannot be computed); the counts are under Data. " +
                "**What it misses**: its patients were mostly far advanced, so an early CKD of stage G3a (eGFR 45–59) without albuminuria or anaemia " +
                "comes out Low; a repeated eGFR below 60 is CKD by definition whatever this model says.",
        })
    {
        Notice = "Learned from a case-control sample of one hospital in which the model tells patients from controls almost perfectly; real-world " +
            "accuracy will be lower. The percentage is corrected from that sample (60.4% with kidney disease) to a population in which 9.1% have it.",
        Plausibility =
        [
            new PlausibilityCheck(
                "serum_creatinine",
                [ValueCondition.AtLeast("serum_creatinine", 20)],
                "A serum creatinine this high is very rare (it is usually below 1.3 mg/dl). If your lab reports µmol/l, choose that unit.",
                SuggestFactor: 0.0113118),
        ],
        ShortName = "Kidney",
        Outcome = FhirCode.OfSnomed("709044004", "Chronic kidney disease"),
        Example = new Dictionary<string, double>
        {
            ["age"] = 48, ["sex"] = 1, ["blood_pressure"] = 80, ["specific_gravity"] = 1.020, ["albumin"] = 1, ["sugar"] = 0,
            ["blood_glucose_random"] = 121, ["blood_urea"] = 36, ["serum_creatinine"] = 1.2, ["hemoglobin"] = 15.4,
            ["hypertension"] = 1, ["diabetes_mellitus"] = 1,
        },
        Healthy = new HealthyExample(
            "A 35-year-old woman without hypertension or diabetes, with normal kidney tests and blood count.",
            new Dictionary<string, double>
            {
                ["age"] = 35, ["sex"] = 0, ["blood_pressure"] = 75, ["specific_gravity"] = 1.020, ["albumin"] = 0, ["sugar"] = 0, ["blood_glucose_random"] = 95,
                ["blood_urea"] = 28, ["serum_creatinine"] = 0.8, ["hemoglobin"] = 14, ["hypertension"] = 0, ["diabetes_mellitus"] = 0,
            },
            Kdigo + "; " + Shared.BloodPressureGuideline + " (blood urea 15–43 mg/dl is urea nitrogen 7–20 mg/dl × 2.14)"),
        Cases =
        [
            new ClinicalCase(
                "A 55-year-old with treated hypertension (diastolic 90), creatinine 1.0 mg/dl and haemoglobin 14.5 g/dl, no diabetes; sex, urine dipstick, glucose and urea not given.",
                new Dictionary<string, double>
                {
                    ["age"] = 55, ["blood_pressure"] = 90, ["serum_creatinine"] = 1.0, ["hemoglobin"] = 14.5, ["hypertension"] = 1, ["diabetes_mellitus"] = 0,
                },
                RiskCategory.Low,
                RiskCategory.Moderate,
                "Measured kidney function is normal (eGFR 89 for a man, 67 for a woman: G1–G2) and nothing says there is kidney damage; albuminuria was not " +
                "measured, so CKD is possible but unproven. A nephrologist would ask for a urine albumin-to-creatinine ratio (KDIGO 2012: screen people with " +
                "hypertension), not say 'probably CKD'. Missing values must not be read as abnormal ones. Was 65.6% High (model 2026.11.30.1)."),
            new ClinicalCase(
                "A 55-year-old with diabetes (random glucose 140 mg/dl), creatinine 0.9 mg/dl, haemoglobin 14 g/dl, diastolic 80, no hypertension, and a normal urine dipstick (specific gravity 1.020, no albumin, no sugar); sex not given.",
                new Dictionary<string, double>
                {
                    ["age"] = 55, ["blood_pressure"] = 80, ["specific_gravity"] = 1.020, ["albumin"] = 0, ["sugar"] = 0, ["blood_glucose_random"] = 140,
                    ["serum_creatinine"] = 0.9, ["hemoglobin"] = 14, ["hypertension"] = 0, ["diabetes_mellitus"] = 1,
                },
                RiskCategory.Low,
                RiskCategory.Low,
                "eGFR 101 for a man, 75 for a woman (G1–G2) and no albuminuria: by the KDIGO 2012 definition this person does not have CKD (if it stays so). " +
                "Diabetes is a cause to check the kidneys yearly, not evidence of disease. Was 42.7% Moderate (model 2026.11.30.1)."),
            new ClinicalCase(
                "A 60-year-old man with creatinine 4.5 mg/dl, urine albumin 3+, haemoglobin 9 g/dl and blood urea 120 mg/dl, hypertensive.",
                new Dictionary<string, double>
                {
                    ["age"] = 60, ["sex"] = 1, ["blood_pressure"] = 90, ["specific_gravity"] = 1.010, ["albumin"] = 3, ["sugar"] = 0, ["blood_urea"] = 120,
                    ["serum_creatinine"] = 4.5, ["hemoglobin"] = 9, ["hypertension"] = 1, ["diabetes_mellitus"] = 0,
                },
                RiskCategory.High,
                RiskCategory.High,
                "eGFR about 14 ml/min/1.73 m² (G5, kidney failure) with heavy albuminuria and anaemia: CKD by any definition (KDIGO 2012)."),
        ],

        Requires = "A basic blood panel (creatinine; glucose and urea if measured), a blood count (haemoglobin), a blood pressure reading and, if done, a urine dipstick.",
    };
}
