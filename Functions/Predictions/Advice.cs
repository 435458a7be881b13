using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// What to do next, per disease and category: plain language, general, never a diagnosis. Written
/// for the person whose values were entered, and worded so that a low estimate is not read as an all-clear.
/// </summary>
internal static class Advice
{
    public const string Disclaimer =
        "This is a statistical estimate from a model, not a diagnosis. It cannot replace an examination by a doctor " +
        "or other qualified health professional. If you have symptoms or worries, talk to one; in an emergency call your local emergency number.";

    public const string SyntheticNotice =
        "Demonstration only: this model was trained on synthetic data, not on patients. Do not use it for any health decision.";

    private static readonly Dictionary<(string, RiskCategory), string[]> Texts = new()
    {
        [(DiseaseSchemas.Heart, RiskCategory.Low)] =
        [
            "The model estimates a low chance of coronary artery disease from these values. A low estimate does not rule it out.",
            "Keep up the habits that protect the heart: no smoking, regular activity, a diet rich in vegetables and whole grains.",
            "Have your blood pressure and cholesterol checked at the intervals your doctor recommends.",
        ],
        [(DiseaseSchemas.Heart, RiskCategory.Moderate)] =
        [
            "The model estimates a moderate chance of coronary artery disease from these values.",
            "Discuss this result and your risk factors (blood pressure, cholesterol, blood sugar, smoking) with your doctor at your next visit.",
            "Regular physical activity, stopping smoking and a heart-healthy diet lower the risk whatever the estimate.",
        ],
        [(DiseaseSchemas.Heart, RiskCategory.High)] =
        [
            "The model estimates a high chance of coronary artery disease from these values.",
            "Please make an appointment with your doctor soon to discuss these results and whether further tests are needed.",
            "Chest pain or pressure, breathlessness, or pain spreading to the arm, neck or jaw needs urgent care: call your local emergency number.",
        ],
        [(DiseaseSchemas.Diabetes, RiskCategory.Low)] =
        [
            "The model estimates a low chance of diabetes from these values. A low estimate does not rule it out.",
            "A healthy weight, regular activity and limiting sugary drinks help keep blood sugar in range.",
            "Have your blood sugar checked at the intervals your doctor recommends, especially if diabetes runs in your family.",
        ],
        [(DiseaseSchemas.Diabetes, RiskCategory.Moderate)] =
        [
            "The model estimates a moderate chance of diabetes from these values.",
            "Ask your doctor whether a blood test (fasting glucose or HbA1c) is right for you.",
            "Losing a little weight if you are overweight and being active most days clearly lower the risk of type 2 diabetes.",
        ],
        [(DiseaseSchemas.Diabetes, RiskCategory.High)] =
        [
            "The model estimates a high chance of diabetes from these values.",
            "Please see your doctor soon: a blood test (fasting glucose or HbA1c) can confirm or rule out diabetes.",
            "Great thirst, passing urine often, unexplained weight loss or blurred vision are reasons to seek care promptly.",
        ],
        [(DiseaseSchemas.Liver, RiskCategory.Low)] =
        [
            "The model estimates a low chance of liver disease from these test values. A low estimate does not rule it out.",
            "Keeping alcohol within recommended limits and a healthy weight protect the liver.",
            "Ask your doctor about any liver test result that was flagged as outside the reference range.",
        ],
        [(DiseaseSchemas.Liver, RiskCategory.Moderate)] =
        [
            "The model estimates a moderate chance of liver disease from these test values.",
            "Discuss these liver tests with your doctor; repeating them or further tests may be advised.",
            "Avoiding alcohol and checking medicines and supplements with a pharmacist can reduce strain on the liver.",
        ],
        [(DiseaseSchemas.Liver, RiskCategory.High)] =
        [
            "The model estimates a high chance of liver disease from these test values.",
            "Please make an appointment with your doctor soon to review these results.",
            "Yellowing of the skin or eyes, dark urine, confusion or vomiting blood need urgent care.",
        ],
        [(DiseaseSchemas.Lung, RiskCategory.Low)] =
        [
            "The demonstration model gives a low estimate. It was trained on synthetic data and says nothing about your health.",
            "Not smoking and avoiding second-hand smoke are the most effective ways to protect the lungs.",
        ],
        [(DiseaseSchemas.Lung, RiskCategory.Moderate)] =
        [
            "The demonstration model gives a moderate estimate. It was trained on synthetic data and says nothing about your health.",
            "If you smoke, stopping is the most effective step for your lungs; your doctor or a stop-smoking service can help.",
            "Ask your doctor whether lung screening is recommended for you, based on your age and smoking history.",
        ],
        [(DiseaseSchemas.Lung, RiskCategory.High)] =
        [
            "The demonstration model gives a high estimate. It was trained on synthetic data and says nothing about your health.",
            "If you smoke, stopping is the most effective step for your lungs; your doctor or a stop-smoking service can help.",
            "A cough that lasts more than three weeks, coughing up blood, or unexplained weight loss are reasons to see a doctor.",
        ],
    };

    public static IReadOnlyList<string> For(string disease, RiskCategory category) => Texts[(disease, category)];
}
