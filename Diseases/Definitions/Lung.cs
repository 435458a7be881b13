using HealthOracle.Diseases.Fields;
using HealthOracle.Diseases.Training;

namespace HealthOracle.Diseases.Definitions;

/// <summary>Lung cancer, demonstration only: no licensed public table exists, so its model learns from generated data.</summary>
public static class Lung
{
    public const string Key = "lung";

    private const string Formula = "The synthetic generator's formula (tools/Training LungSynthesizer), which follows the known risk factors";

    public static DiseaseDefinition Definition { get; } = new(
        Key,
        "Lung cancer (demonstration)",
        "Demonstration only: a model trained on synthetic data, not on patients.",
        [
            FieldDefinition.Integer("age", "Age", "years", 18, 120, "Age in years.") with { Fhir = FhirForm.BirthDate, Expected = new(Direction.Raises, Formula) },
            FieldDefinition.YesNo("smoking_status", "Smoker", "Whether the person smokes or has smoked regularly.") with
            {
                Fhir = FhirForm.Lab(null, FhirForm.Loinc("72166-2", "Tobacco smoking status")) with { Answers = Shared.SmokingAnswers, Approximation = "The field is ever smoked regularly: current and former smokers are 1, never smokers 0; an unknown status leaves it unset." },
                Target = Shared.None,
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.Number("area_air_quality_index", "Air quality index", "AQI", 0, 500, "Typical air quality index where the person lives (0–500).") with
            {
                Fhir = FhirForm.Project("area_air_quality_index", "Typical air quality index where the person lives (0-500)", "1", "an environmental exposure, not a clinical observation"),
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.YesNo("alcohol_consumption", "Regular alcohol use", "Whether the person drinks alcohol regularly.") with
            {
                Fhir = FhirForm.Project("alcohol_consumption", "Drinks alcohol regularly (0 no, 1 yes)", null, "a yes/no questionnaire answer; LOINC's alcohol codes (AUDIT-C) are scores the model did not learn from"),
                Target = Shared.None,
                Expected = new(Direction.Raises, Formula),
            },
            // Not changeable here (no healthy target, so no what-if and no slider): in this model, as in cohort studies, a lower BMI goes with a
            // higher estimate, so bringing an overweight person's BMI to the healthy range would raise it. The direction table says so, and a
            // what-if that rewards a healthier weight with a higher risk would mislead.
            FieldDefinition.Number("bmi", "Body mass index", "kg/m²", 10, 80, "Weight in kg divided by the square of height in m.") with
            {
                Fhir = Shared.BmiFhir,
                Expected = new(Direction.Lowers, Formula + " (a lower BMI goes with a higher lung cancer risk in cohort studies, much of it through smoking: " +
                    "Yu et al., Overall and central obesity and risk of lung cancer: a pooled analysis of 1.6 million people, J Natl Cancer Inst 2018;110:831–842)"),
                FactorNote = "A lower body mass index goes with a higher estimate here, as in cohort studies of lung cancer, largely because smokers tend to " +
                    "weigh less. It is not a reason to gain weight, and the model offers no what-if for it.",
            },
            FieldDefinition.YesNo("family_history", "Family history of lung cancer", "Whether a parent or sibling has had lung cancer.") with
            {
                Fhir = FhirForm.Project("family_history", "Parent or sibling with lung cancer (0 no, 1 yes)", null, "a yes/no answer; in FHIR a family history is a FamilyMemberHistory resource, which this version does not read"),
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.Integer("physical_activity_level", "Physical activity", "days/week", 0, 7, "Days a week with at least 30 minutes of exercise.") with
            {
                Fhir = FhirForm.Lab("d/wk", FhirForm.Loinc("89555-7", "How many days per week did you engage in moderate to strenuous physical activity in the last 30 days")) with { Approximation = "The exercise vital sign (89555-7) counts days of moderate to strenuous activity; the model's input counts days with at least 30 minutes of exercise." },
                Target = new(5, 7, Shared.ActivityGuideline),
                Expected = new(Direction.Lowers, Formula),
            },
            FieldDefinition.YesNo("occupation_exposure", "Occupational exposure", "Regular work exposure to asbestos, silica, diesel exhaust or similar.") with
            {
                Fhir = FhirForm.Project("occupation_exposure", "Regular work exposure to asbestos, silica, diesel exhaust or similar (0 no, 1 yes)", null, "a yes/no questionnaire answer without a standard code"),
                Expected = new(Direction.Raises, Formula),
            },
        ],
        new CategoryAdvice(
            Low:
            [
                "The demonstration model gives a low estimate. It was trained on synthetic data and says nothing about your health.",
                "Not smoking and avoiding second-hand smoke are the most effective ways to protect the lungs.",
            ],
            Moderate:
            [
                "The demonstration model gives a moderate estimate. It was trained on synthetic data and says nothing about your health.",
                "If you smoke, stopping is the most effective step for your lungs; your doctor or a stop-smoking service can help.",
                "Ask your doctor whether lung screening is recommended for you, based on your age and smoking history.",
            ],
            High:
            [
                "The demonstration model gives a high estimate. It was trained on synthetic data and says nothing about your health.",
                "If you smoke, stopping is the most effective step for your lungs; your doctor or a stop-smoking service can help.",
                "A cough that lasts more than three weeks, coughing up blood, or unexplained weight loss are reasons to see a doctor.",
            ]),
        new Population(
            "Nobody: synthetic people drawn from simple distributions.",
            0.2855,
            "The synthetic training data itself: 571 of the 2,000 generated people (28.6%) have the outcome.")
        {
            Brief = "synthetic people (a demonstration)",
            RelativeTo = "The percentage is relative to synthetic people, of whom 29% have the outcome; it says nothing about real people.",
            TimeFrame = "None: the synthetic outcome has no time attached to it.",
        },
        new TrainingPlan(
            new SyntheticSource("lung"),
            TrainingPlan.DefaultCandidates))
    {
        ShortName = "Lung",
        Outcome = FhirCode.OfSnomed("363358000", "Malignant tumor of lung"),
        Example = new Dictionary<string, double>
        {
            ["age"] = 58, ["smoking_status"] = 1, ["area_air_quality_index"] = 120, ["alcohol_consumption"] = 0, ["bmi"] = 27.5,
            ["family_history"] = 1, ["physical_activity_level"] = 2, ["occupation_exposure"] = 0,
        },
        Healthy = new HealthyExample(
            "A 35-year-old non-smoker who does not drink regularly, active five days a week, with a body mass index of 22, clean air at home and work, and no family history.",
            new Dictionary<string, double>
            {
                ["age"] = 35, ["smoking_status"] = 0, ["area_air_quality_index"] = 40, ["alcohol_consumption"] = 0, ["bmi"] = 22,
                ["family_history"] = 0, ["physical_activity_level"] = 5, ["occupation_exposure"] = 0,
            },
            Shared.ActivityGuideline + "; " + Shared.BmiGuideline + "; US EPA: an air quality index up to 50 is good"),
        Cases =
        [
            new ClinicalCase(
                "A 75-year-old smoker who drinks, never exercises, works with asbestos, lives where the air quality index is 300 and whose father had lung cancer.",
                new Dictionary<string, double>
                {
                    ["age"] = 75, ["smoking_status"] = 1, ["area_air_quality_index"] = 300, ["alcohol_consumption"] = 1, ["bmi"] = 22,
                    ["family_history"] = 1, ["physical_activity_level"] = 0, ["occupation_exposure"] = 1,
                },
                RiskCategory.High,
                RiskCategory.High,
                "Every risk factor of the generator's formula at once: its log-odds are about +4.2, a probability near 98%."),
        ],

        Notice = "Synthetic, demonstration only: this lung model was trained on generated data, not on patients, and says nothing about a real person's risk of lung cancer.",
    };
}
