namespace HealthOracle.Functions.Tests.Site;

/// <summary>One plausible patient per disease, as a person would enter them (optional fields left out).</summary>
internal static class Patients
{
    public static IReadOnlyDictionary<string, string> For(string disease) => disease switch
    {
        "heart" => new Dictionary<string, string>
        {
            ["age"] = "63", ["sex"] = "1", ["cp"] = "4", ["trestbps"] = "145", ["chol"] = "233", ["fbs"] = "1",
            ["restecg"] = "2", ["thalach"] = "150", ["exang"] = "0", ["oldpeak"] = "2.3", ["slope"] = "3", ["ca"] = "0", ["thal"] = "6",
        },
        "diabetes" => new Dictionary<string, string>
        {
            ["pregnancies"] = "6", ["glucose"] = "148", ["blood_pressure"] = "72", ["skin_thickness"] = "35",
            ["bmi"] = "33.6", ["diabetes_pedigree"] = "0.627", ["age"] = "50",
        },
        "liver" => new Dictionary<string, string>
        {
            ["age"] = "65", ["gender"] = "0", ["total_bilirubin"] = "0.7", ["direct_bilirubin"] = "0.1", ["alkaline_phosphotase"] = "187",
            ["alamine_aminotransferase"] = "16", ["aspartate_aminotransferase"] = "18", ["total_proteins"] = "6.8", ["albumin"] = "3.3",
            ["albumin_globulin_ratio"] = "0.9",
        },
        "lung" => new Dictionary<string, string>
        {
            ["age"] = "55", ["smoking_status"] = "1", ["area_air_quality_index"] = "120", ["alcohol_consumption"] = "0",
            ["bmi"] = "27.5", ["family_history"] = "1", ["physical_activity_level"] = "2", ["occupation_exposure"] = "0",
        },
        "kidney" => new Dictionary<string, string>
        {
            ["age"] = "48", ["blood_pressure"] = "80", ["serum_creatinine"] = "1.2", ["hemoglobin"] = "15.4",
            ["hypertension"] = "1", ["diabetes_mellitus"] = "1",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(disease), disease, "Unknown disease."),
    };
}
