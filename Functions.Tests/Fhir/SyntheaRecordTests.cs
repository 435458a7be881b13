using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Tests.TestSupport;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// POST /api/fhir/{disease}/$assess with records no one here wrote: Synthea-generated patients as SMART Health IT
/// publishes them (TestData/synthea, its README names the source, commit and licence): the Patient and every
/// observation of the codes the definitions read, as exported, old ones included. What they bring that the
/// Synthea-shaped bundles did not: the blood pressure as panel 55284-4 (not 85354-9), values with 15 decimals, urine
/// dipsticks as SNOMED CT findings ("Urine protein test = +++"), specific gravity in <c>{nominal}</c>, creatinine in
/// blood (38483-4) and urea nitrogen (6299-2), the same code measured every year since childhood, a Patient with US
/// Core extensions and a narrative. Each test's clock is the week after the patient's last visit (the records end in
/// 2020-2021, and observations older than 365 days are passed over): age is read on that day.
/// </summary>
public sealed class SyntheaRecordTests
{
    /// <summary>
    /// A record and what the test expects to be read from it, written here from the file by hand (not by the code
    /// under test); <c>Added</c> are the inputs Synthea cannot have, sent as observations beside the real ones with the
    /// disease's example values, and why each is added.
    /// </summary>
    private sealed record RealRecord(string File, DateTimeOffset Now, Dictionary<string, double> Read, string[] Added);

    private static readonly Dictionary<string, RealRecord> Records = new()
    {
        // A man born 1949-11-29; his visit of 2021-03-31: blood pressure panel 55284-4 (systolic 8480-6 inside it),
        // total cholesterol 2093-3 in mg/dL. Added: the Cleveland work-up's findings (HealthOracle codes: chest pain
        // type, resting ECG, exercise angina, ST slope and depression, vessels, thallium, maximum heart rate) and a
        // fasting glucose (1558-6: Synthea measures glucose as 2339-0 without saying it was fasting).
        ["heart"] = new("Adalberto_Hartmann.json", new(2021, 4, 7, 12, 0, 0, TimeSpan.Zero),
            new() { ["age"] = 71, ["sex"] = 1, ["trestbps"] = 167.67633900195196, ["chol"] = 174.02182929718717 },
            ["cp", "restecg", "exang", "slope", "ca", "thal", "thalach", "oldpeak", "fbs"]),

        // A woman born 1958-03-14; her visit of 2020-10-02: diastolic 8462-4 inside panel 55284-4, BMI 39156-5. Added:
        // pregnancies (11996-6) and the 2-hour glucose tolerance test (1518-0), which Synthea does not record, and the
        // Pima pedigree score (HealthOracle code). Skin fold and insulin are not sent: the model estimates without them.
        ["diabetes"] = new("Alexia_Senger.json", new(2020, 10, 8, 12, 0, 0, TimeSpan.Zero),
            new() { ["age"] = 62, ["blood_pressure"] = 80.31140449635255, ["bmi"] = 27.698211937337003 },
            ["pregnancies", "glucose", "diabetes_pedigree"]),

        // A woman born 1978-04-03; her metabolic panel of 2020-04-13: total bilirubin 1975-2, alkaline phosphatase
        // 6768-6, ALT 1742-6, AST 1920-8, albumin 1751-7, total protein 2885-2 (see TotalProtein below). Added: direct
        // bilirubin (1968-7), not in Synthea's panel. The albumin/globulin ratio is not sent.
        ["liver"] = new("Angelic_Mueller.json", new(2020, 4, 20, 12, 0, 0, TimeSpan.Zero),
            new()
            {
                ["age"] = 42, ["gender"] = 0, ["total_bilirubin"] = 0.3785343210857536, ["alkaline_phosphotase"] = 134.86689787406704,
                ["alamine_aminotransferase"] = 20.125822934779748, ["aspartate_aminotransferase"] = 30.711463890845344,
                ["total_proteins"] = 6.922878044374524, ["albumin"] = 3.7160207592181687,
            },
            ["direct_bilirubin"]),

        // A man born 1956-08-03; his visit of 2020-12-04: smoking status 72166-2 "Never smoker", BMI 39156-5. Added:
        // the exercise vital sign (89555-7, not in this Synthea version) and the HealthOracle-coded air quality, alcohol,
        // family history and occupational exposure.
        ["lung"] = new("Abdul_Koepp.json", new(2020, 12, 10, 12, 0, 0, TimeSpan.Zero),
            new() { ["age"] = 64, ["smoking_status"] = 0, ["bmi"] = 29.99600277008462 },
            ["area_air_quality_index", "alcohol_consumption", "family_history", "occupation_exposure", "physical_activity_level"]),

        // A man born 1952-03-16 with kidney disease in his record; blood pressure panel of 2020-06-14 (diastolic), and on
        // 2020-09-06: urinalysis (specific gravity 5811-5 in {nominal}, protein 20454-5 "Urine protein test = +++",
        // glucose 25428-4 "Urine glucose test = ++"), glucose 2339-0 (in blood), urea nitrogen 6299-2 (read as urea),
        // creatinine 38483-4 (in blood), haemoglobin 718-7. Added: hypertension and diabetes (HealthOracle yes/no codes;
        // a diagnosis is a Condition, which this version does not read).
        ["kidney"] = new("Ali_Herman.json", new(2020, 9, 12, 12, 0, 0, TimeSpan.Zero),
            new()
            {
                ["age"] = 68, ["sex"] = 1, ["blood_pressure"] = 87.74666669687757, ["specific_gravity"] = 1.0383949089851239, ["albumin"] = 3,
                ["sugar"] = 2, ["blood_glucose_random"] = 91.58331048294927, ["blood_urea"] = 14.08707548294991 * 60.056 / 28.0134,
                ["serum_creatinine"] = 2.7925028105875684, ["hemoglobin"] = 14.369689023693958,
            },
            ["hypertension", "diabetes_mellitus"]),
    };

    public static TheoryData<string> Diseases => [.. DiseaseCatalog.All.Select(d => d.Key)];

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Assess_ARealPatientsRecord_RiskAssessmentEqualsTheJsonApi_AndValidates(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var record = Records[key];
        using var host = new FhirTestHost(now: record.Now);
        var bundle = Load(record.File);
        if (key == "liver")
        {
            TotalProteinInGramsPerLitre(bundle);
        }

        var real = Entries(bundle).Select(e => e["resource"]!["resourceType"]!.GetValue<string>() + "/" + e["resource"]!["id"]!.GetValue<string>()).ToHashSet();
        AddObservations(bundle, disease, record);

        var response = await host.AssessAsync(key, bundle.ToJsonString());
        var values = new Dictionary<string, double>(record.Read);
        foreach (var name in record.Added)
        {
            values[name] = disease.Example[name];
        }

        var json = await host.PredictJsonAsync(key, values);

        Assert.True(response.Status == 200, response.Body);
        Assert.True(json.Status == 200, json.Body);
        var answer = Assert.IsType<Parameters>(FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body)));
        var assessment = Assert.IsType<RiskAssessment>(answer.Parameter.Single(p => p.Name == "return").Resource);
        var outcome = Assert.IsType<OperationOutcome>(answer.Parameter.Single(p => p.Name == "outcome").Resource);
        Assert.Equal(json.Json.GetProperty("probability").GetDouble(), (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value, 1e-6);
        Assert.Equal(json.Json.GetProperty("category").GetString()!.ToLowerInvariant(), assessment.Prediction[0].QualitativeRisk!.Coding[0].Code);
        Assert.DoesNotContain(outcome.Issue, i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);

        // The basis names the real record's resources it read: the Patient and Synthea's own observations.
        var basis = assessment.Basis.Select(b => b.Reference).ToList();
        Assert.Contains("Patient/" + PatientId(bundle), basis);
        Assert.Contains(basis, reference => real.Contains(reference!) && reference!.StartsWith("Observation/", StringComparison.Ordinal));
        Assert.Empty(FirelyValidation.Errors(answer));
    }

    [Fact]
    public async Task Assess_SyntheasTotalProteinInGramsPerLitreLabelledGramsPerDecilitre_Is400NamingIt_NeverRescaled()
    {
        // Synthea's metabolic panel writes total protein 2885-2 as 60-80 "g/dL": the g/L value under the g/dL code (a
        // protein of 69 g/dL is impossible). The service does not guess: out of range is a 400 naming the input.
        var disease = DiseaseCatalog.Get("liver");
        var record = Records["liver"];
        using var host = new FhirTestHost(now: record.Now);
        var bundle = Load(record.File);
        AddObservations(bundle, disease, record);

        var response = await host.AssessAsync("liver", bundle.ToJsonString());

        Assert.Equal(400, response.Status);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body)));
        var issue = Assert.Single(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
        Assert.Equal("total_proteins", issue.Diagnostics);
        Assert.Equal("2885-2", issue.Details!.Coding[0].Code);
        Assert.Empty(FirelyValidation.Errors(outcome));
    }

    [Theory]
    [InlineData("167265006", "Urine glucose test = ++ (finding)", 2.0)]
    [InlineData("", "Urine glucose test = + (finding)", 1.0)]
    [InlineData("", "Urine glucose test = ++++ (finding)", 4.0)]
    [InlineData("", "Urine glucose test negative (finding)", 0.0)]
    [InlineData("", "Urine glucose test = trace (finding)", double.NaN)]
    [InlineData("167265006", "(a code read without its text)", 2.0)]
    public void Read_AUrineGlucoseFinding_IsGradedByItsCodeOrItsText(string snomed, string text, double grade)
    {
        // Synthea writes only "= ++" among the glucose findings; the others are read from their text alone (sent here
        // without a coding: their codes are not in the definition).
        var field = DiseaseCatalog.Get("kidney").Find("sugar")!;
        var answer = snomed.Length > 0 ? new CodeableConcept("http://snomed.info/sct", snomed, text) { Text = text } : new CodeableConcept { Text = text };

        var (value, problem) = ObservationValues.Read(field, field.Fhir!.Codes[0], answer);

        Assert.Equal(grade, value);
        Assert.Equal(double.IsNaN(grade), problem is not null);
    }

    /// <summary>A record of TestData/synthea as a Bundle.</summary>
    internal static JsonObject Load(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Functions.Tests", "Fhir", "TestData", "synthea", file)))!.AsObject();

    private static IEnumerable<JsonNode> Entries(JsonObject bundle) => ((JsonArray)bundle["entry"]!).Select(e => e!);

    private static string PatientId(JsonObject bundle) =>
        Entries(bundle).Single(e => e["resource"]!["resourceType"]!.GetValue<string>() == "Patient")["resource"]!["id"]!.GetValue<string>();

    /// <summary>The record's added inputs, as observations of the real patient taken three days before the clock.</summary>
    private static void AddObservations(JsonObject bundle, DiseaseDefinition disease, RealRecord record)
    {
        var patientUrl = Entries(bundle).Single(e => e["resource"]!["resourceType"]!.GetValue<string>() == "Patient")["fullUrl"]!.GetValue<string>();
        var added = record.Added.ToDictionary(name => name, name => disease.Example[name]);
        var shaped = new SyntheaShapedBundle(disease, added, record.Now) { Omit = new HashSet<string> { "age" } }.Build();
        foreach (var entry in Entries(shaped).Where(e => e["resource"]!["resourceType"]!.GetValue<string>() == "Observation"))
        {
            var copy = entry.DeepClone();
            copy["resource"]!["subject"] = new JsonObject { ["reference"] = patientUrl };
            copy["resource"]!.AsObject().Remove("encounter");
            ((JsonArray)bundle["entry"]!).Add(copy);
        }
    }

    /// <summary>Synthea's total protein with the unit its value is in (g/L), the value untouched: the service converts it.</summary>
    private static void TotalProteinInGramsPerLitre(JsonObject bundle)
    {
        foreach (var resource in Entries(bundle).Select(e => e["resource"]!)
                     .Where(r => r["code"]?["coding"]?[0]?["code"]?.GetValue<string>() == "2885-2"))
        {
            resource["valueQuantity"]!["unit"] = "g/L";
            resource["valueQuantity"]!["code"] = "g/L";
        }
    }
}
