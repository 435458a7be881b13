using System.Globalization;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>A valid patient per disease (UCI/Pima-like values), and JSON bodies derived from it.</summary>
internal static class TestPatients
{
    public const string Omit = "<omit>";

    public static IReadOnlyDictionary<string, (string Name, string Value)[]> Valid { get; } = new Dictionary<string, (string, string)[]>
    {
        ["heart"] = [("age", "63"), ("sex", "1"), ("cp", "1"), ("trestbps", "145"), ("chol", "233"), ("fbs", "1"), ("restecg", "2"), ("thalach", "150"), ("exang", "0"), ("oldpeak", "2.3"), ("slope", "3"), ("ca", "0"), ("thal", "6")],
        ["diabetes"] = [("pregnancies", "6"), ("glucose", "148"), ("blood_pressure", "72"), ("skin_thickness", "35"), ("insulin", "94"), ("bmi", "33.6"), ("diabetes_pedigree", "0.627"), ("age", "50")],
        ["liver"] = [("age", "65"), ("gender", "0"), ("total_bilirubin", "0.7"), ("direct_bilirubin", "0.1"), ("alkaline_phosphotase", "187"), ("alamine_aminotransferase", "16"), ("aspartate_aminotransferase", "18"), ("total_proteins", "6.8"), ("albumin", "3.3"), ("albumin_globulin_ratio", "0.9")],
        ["kidney"] = [("age", "48"), ("blood_pressure", "80"), ("specific_gravity", "1.020"), ("albumin", "1"), ("sugar", "0"), ("blood_glucose_random", "121"), ("blood_urea", "36"), ("serum_creatinine", "1.2"), ("hemoglobin", "15.4"), ("hypertension", "1"), ("diabetes_mellitus", "1")],
        ["lung"] = [("age", "58"), ("smoking_status", "1"), ("area_air_quality_index", "120"), ("alcohol_consumption", "0"), ("bmi", "27.5"), ("family_history", "1"), ("physical_activity_level", "2"), ("occupation_exposure", "0")],
    };

    /// <summary>The valid patient as JSON, with <paramref name="field"/>'s raw JSON replaced (or omitted).</summary>
    public static string Json(string disease, string? field = null, string? raw = null, Func<string, string>? rename = null) =>
        "{" + string.Join(",", Valid[disease]
            .Where(f => !(f.Name == field && raw == Omit))
            .Select(f => $"\"{(rename ?? (n => n))(f.Name)}\":{(f.Name == field ? raw : f.Value)}")) + "}";

    public static string Form(string disease) =>
        string.Join("&", Valid[disease].Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}"));

    public static string Array(string disease, int count) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Json(disease))) + "]";

    public static double Value(string disease, string field) =>
        double.Parse(Valid[disease].Single(f => f.Name == field).Value, CultureInfo.InvariantCulture);
}
