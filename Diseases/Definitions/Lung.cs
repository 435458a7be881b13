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
            FieldDefinition.Integer("age", "Age", "years", 18, 120, "Age in years.") with { Expected = new(Direction.Raises, Formula) },
            FieldDefinition.YesNo("smoking_status", "Smoker", "Whether the person smokes or has smoked regularly.") with
            {
                Target = Shared.None,
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.Number("area_air_quality_index", "Air quality index", "AQI", 0, 500, "Typical air quality index where the person lives (0–500).") with
            {
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.YesNo("alcohol_consumption", "Regular alcohol use", "Whether the person drinks alcohol regularly.") with
            {
                Target = Shared.None,
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.Number("bmi", "Body mass index", "kg/m²", 10, 80, "Weight in kg divided by the square of height in m.") with
            {
                Target = Shared.Bmi,
                Expected = new(Direction.Lowers, Formula + " (a lower BMI goes with a higher lung cancer risk in cohort studies, much of it through smoking)"),
            },
            FieldDefinition.YesNo("family_history", "Family history of lung cancer", "Whether a parent or sibling has had lung cancer.") with
            {
                Expected = new(Direction.Raises, Formula),
            },
            FieldDefinition.Integer("physical_activity_level", "Physical activity", "days/week", 0, 7, "Days a week with at least 30 minutes of exercise.") with
            {
                Target = new(5, 7, Shared.ActivityGuideline),
                Expected = new(Direction.Lowers, Formula),
            },
            FieldDefinition.YesNo("occupation_exposure", "Occupational exposure", "Regular work exposure to asbestos, silica, diesel exhaust or similar.") with
            {
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
            RelativeTo = "The percentage is relative to synthetic people, of whom 29% have the outcome; it says nothing about real people.",
        },
        new TrainingPlan(
            new SyntheticSource("lung"),
            TrainingPlan.DefaultCandidates))
    {
        ShortName = "Lung",
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
        Notice = "Synthetic, demonstration only: this lung model was trained on generated data, not on patients, and says nothing about a real person's risk of lung cancer.",
    };
}
