namespace HealthOracle.Functions.Predictions.Schema;

/// <summary>
/// The four diseases and their inputs, with the original app's field names and codes so that its
/// forms post here unchanged. This is the API's contract: the GET schema endpoint publishes it, the
/// validator enforces it, and the training tool builds models whose inputs match it.
/// </summary>
public static class DiseaseSchemas
{
    public const string Heart = "heart";
    public const string Diabetes = "diabetes";
    public const string Liver = "liver";
    public const string Lung = "lung";

    private static readonly FieldCode[] Sex = [new(0, "Female"), new(1, "Male")];

    public static DiseaseSchema HeartSchema { get; } = new(
        Heart,
        "Heart disease",
        "Risk of coronary artery disease (more than 50% narrowing of a major vessel), from a cardiac work-up.",
        [
            FieldSpec.Integer("age", "Age", "years", 18, 120, "Age in years."),
            FieldSpec.Coded("sex", "Sex", "Sex recorded at birth.", Sex),
            FieldSpec.Coded("cp", "Chest pain type", "Type of chest pain.",
                new(1, "Typical angina"), new(2, "Atypical angina"), new(3, "Non-anginal pain"), new(4, "Asymptomatic")),
            FieldSpec.Number("trestbps", "Resting blood pressure", "mm Hg", 60, 250, "Systolic blood pressure at rest, on admission."),
            FieldSpec.Number("chol", "Serum cholesterol", "mg/dl", 80, 700, "Total serum cholesterol."),
            FieldSpec.Coded("fbs", "Fasting blood sugar above 120 mg/dl", "Whether fasting blood sugar is above 120 mg/dl.",
                new(0, "No (120 mg/dl or less)"), new(1, "Yes (above 120 mg/dl)")),
            FieldSpec.Coded("restecg", "Resting ECG", "Resting electrocardiogram result.",
                new(0, "Normal"), new(1, "ST-T wave abnormality"), new(2, "Left ventricular hypertrophy")),
            FieldSpec.Number("thalach", "Maximum heart rate", "beats/min", 50, 230, "Maximum heart rate achieved during exercise testing."),
            FieldSpec.YesNo("exang", "Exercise-induced angina", "Whether exercise brought on angina."),
            FieldSpec.Number("oldpeak", "ST depression", "mm", 0, 10, "ST depression induced by exercise relative to rest."),
            FieldSpec.Coded("slope", "ST segment slope", "Slope of the peak exercise ST segment.",
                new(1, "Upsloping"), new(2, "Flat"), new(3, "Downsloping")),
            FieldSpec.Coded("ca", "Major vessels coloured", "Number of major vessels (0–3) coloured by fluoroscopy.",
                new(0, "0 vessels"), new(1, "1 vessel"), new(2, "2 vessels"), new(3, "3 vessels")),
            FieldSpec.Coded("thal", "Thallium stress test", "Thallium scintigraphy result.",
                new(3, "Normal"), new(6, "Fixed defect"), new(7, "Reversible defect")),
        ]);

    public static DiseaseSchema DiabetesSchema { get; } = new(
        Diabetes,
        "Diabetes",
        "Risk of type 2 diabetes, from a routine examination and an oral glucose tolerance test.",
        [
            FieldSpec.Integer("pregnancies", "Pregnancies", "count", 0, 20, "Number of times pregnant (0 if never, or not applicable)."),
            FieldSpec.Number("glucose", "Glucose", "mg/dl", 40, 400, "Plasma glucose two hours into an oral glucose tolerance test."),
            FieldSpec.Number("blood_pressure", "Blood pressure", "mm Hg", 20, 180, "Diastolic blood pressure."),
            FieldSpec.Number("skin_thickness", "Skin thickness", "mm", 5, 110, "Triceps skin-fold thickness. Omit if not measured.", required: false),
            FieldSpec.Number("insulin", "Insulin", "µU/ml", 10, 1000, "Serum insulin two hours into the glucose test. Omit if not measured.", required: false),
            FieldSpec.Number("bmi", "Body mass index", "kg/m²", 10, 80, "Weight in kg divided by the square of height in m."),
            FieldSpec.Number("diabetes_pedigree", "Diabetes pedigree function", "score", 0, 3, "A score of diabetes in the family history (Pima study definition)."),
            FieldSpec.Integer("age", "Age", "years", 18, 120, "Age in years."),
        ]);

    public static DiseaseSchema LiverSchema { get; } = new(
        Liver,
        "Liver disease",
        "Risk of liver disease, from liver function tests.",
        [
            FieldSpec.Integer("age", "Age", "years", 1, 120, "Age in years."),
            FieldSpec.Coded("gender", "Gender", "Sex recorded at birth.", Sex),
            FieldSpec.Number("total_bilirubin", "Total bilirubin", "mg/dl", 0.1, 80, "Total serum bilirubin."),
            FieldSpec.Number("direct_bilirubin", "Direct bilirubin", "mg/dl", 0, 40, "Direct (conjugated) bilirubin; not more than the total."),
            FieldSpec.Number("alkaline_phosphotase", "Alkaline phosphatase", "IU/l", 10, 3000, "Serum alkaline phosphatase (ALP)."),
            FieldSpec.Number("alamine_aminotransferase", "Alanine aminotransferase (SGPT)", "IU/l", 1, 3000, "Serum ALT."),
            FieldSpec.Number("aspartate_aminotransferase", "Aspartate aminotransferase (SGOT)", "IU/l", 1, 5000, "Serum AST."),
            FieldSpec.Number("total_proteins", "Total proteins", "g/dl", 2, 12, "Total serum protein."),
            FieldSpec.Number("albumin", "Albumin", "g/dl", 0.5, 7, "Serum albumin."),
            FieldSpec.Number("albumin_globulin_ratio", "Albumin/globulin ratio", "ratio", 0.1, 3.5, "Albumin divided by globulin. Omit if not measured.", required: false),
        ]);

    public static DiseaseSchema LungSchema { get; } = new(
        Lung,
        "Lung cancer (demonstration)",
        "Demonstration only: a model trained on synthetic data, not on patients.",
        [
            FieldSpec.Integer("age", "Age", "years", 18, 120, "Age in years."),
            FieldSpec.YesNo("smoking_status", "Smoker", "Whether the person smokes or has smoked regularly."),
            FieldSpec.Number("area_air_quality_index", "Air quality index", "AQI", 0, 500, "Typical air quality index where the person lives (0–500)."),
            FieldSpec.YesNo("alcohol_consumption", "Regular alcohol use", "Whether the person drinks alcohol regularly."),
            FieldSpec.Number("bmi", "Body mass index", "kg/m²", 10, 80, "Weight in kg divided by the square of height in m."),
            FieldSpec.YesNo("family_history", "Family history of lung cancer", "Whether a parent or sibling has had lung cancer."),
            FieldSpec.Integer("physical_activity_level", "Physical activity", "days/week", 0, 7, "Days a week with at least 30 minutes of exercise."),
            FieldSpec.YesNo("occupation_exposure", "Occupational exposure", "Regular work exposure to asbestos, silica, diesel exhaust or similar."),
        ]);

    public static IReadOnlyList<DiseaseSchema> All { get; } = [HeartSchema, DiabetesSchema, LiverSchema, LungSchema];

    public static DiseaseSchema Get(string disease) =>
        All.FirstOrDefault(s => s.Disease == disease) ?? throw new ArgumentOutOfRangeException(nameof(disease), disease, "Unknown disease.");
}
