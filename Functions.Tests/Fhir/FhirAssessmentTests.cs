using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>POST /api/fhir/{disease}/$assess with records shaped as EHRs and Synthea write them, over the trained models.</summary>
public sealed class FhirAssessmentTests
{
    public static TheoryData<string> Diseases => [.. DiseaseCatalog.All.Select(d => d.Key)];

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Assess_SyntheaShapedBundle_RiskAssessmentEqualsTheJsonApi_AndValidates(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        using var host = new FhirTestHost();
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build().ToJsonString();

        var response = await host.AssessAsync(key, bundle);
        var json = await host.PredictJsonAsync(key, disease.Example);

        Assert.True(response.Status == 200, response.Body);
        Assert.Equal("application/fhir+json; charset=utf-8", response.ContentType);
        var answer = Assert.IsType<Parameters>(FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body)));
        var assessment = Assert.IsType<RiskAssessment>(answer.Parameter.Single(p => p.Name == "return").Resource);
        var outcome = Assert.IsType<OperationOutcome>(answer.Parameter.Single(p => p.Name == "outcome").Resource);
        var prediction = Assert.Single(assessment.Prediction);
        Assert.Equal(json.Json.GetProperty("probability").GetDouble(), (double)((FhirDecimal)prediction.Probability!).Value!.Value, 1e-6);
        Assert.Equal(disease.Outcome!.Code, prediction.Outcome!.Coding[0].Code);
        Assert.Equal(json.Json.GetProperty("category").GetString()!.ToLowerInvariant(), prediction.QualitativeRisk!.Coding[0].Code);
        Assert.Equal(json.Json.GetProperty("model").GetProperty("version").GetString(), assessment.Method!.Coding[0].Version);
        Assert.Equal(ObservationStatus.Final, assessment.Status);
        Assert.StartsWith("Patient/", assessment.Subject!.Reference);
        Assert.NotEmpty(assessment.Basis);
        Assert.Contains(assessment.Note, n => n.Text!.Contains("not a diagnosis", StringComparison.OrdinalIgnoreCase));
        var interval = (Hl7.Fhir.Model.Range)prediction.GetExtension(RiskAssessmentWriter.IntervalExtension)!.Value!;
        Assert.Equal(json.Json.GetProperty("interval").GetProperty("lower").GetDouble(), (double)interval.Low!.Value!.Value, 4);
        Assert.DoesNotContain(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
        Assert.Empty(FirelyValidation.Errors(answer));
    }

    [Theory]
    [InlineData("heart")]
    [InlineData("liver")]
    [InlineData("kidney")]
    public async Task Assess_ValuesInTheirAlternativeUnits_ScoreAsInTheFieldsUnits(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        using var host = new FhirTestHost();
        var inFieldUnits = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build().ToJsonString();
        var inOtherUnits = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now) { AlternativeUnits = true }.Build().ToJsonString();

        var first = Probability(await host.AssessAsync(key, inFieldUnits));
        var second = Probability(await host.AssessAsync(key, inOtherUnits));

        Assert.Equal(first, second, 1e-6);
    }

    [Fact]
    public async Task Assess_UreaNitrogenForUrea_IsConvertedByTheMolarRatio()
    {
        var disease = DiseaseCatalog.Get("kidney");
        using var host = new FhirTestHost();
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now) { Omit = new HashSet<string> { "blood_urea" } }.Build();
        var bun = disease.Example["blood_urea"] * 28.0134 / 60.056;
        ((JsonArray)bundle["entry"]!).Add(JsonNode.Parse("""
            {"fullUrl":"urn:uuid:7d0c5c0e-3b7a-4a53-b2a4-95e4b1f0c6d1","resource":{"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"6299-2","display":"Urea nitrogen [Mass/volume] in Blood"}]},
             "effectiveDateTime":"2026-12-01T09:00:00Z","valueQuantity":{"value":BUN,"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}}}
            """.Replace("BUN", bun.ToString("R", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var direct = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build().ToJsonString();

        var viaBun = Probability(await host.AssessAsync("kidney", bundle.ToJsonString()));

        Assert.Equal(Probability(await host.AssessAsync("kidney", direct)), viaBun, 1e-6);
    }

    [Fact]
    public async Task Assess_DuplicateAndStaleObservations_TheMostRecentWins_FutureAndOlderThanAYearArePassedOver()
    {
        var disease = DiseaseCatalog.Get("heart");
        using var host = new FhirTestHost();
        var plain = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build().ToJsonString();
        var withHistory = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now)
            .With("chol", 400, FhirTestHost.Now.AddDays(-200))
            .With("chol", 310, FhirTestHost.Now.AddDays(-30), unit: "mmol/L")
            .With("chol", 380, FhirTestHost.Now.AddDays(-1))
            .With("chol", 500, FhirTestHost.Now.AddDays(30))
            .Build().ToJsonString();
        var onlyStale = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now) { Omit = new HashSet<string> { "chol" } }
            .With("chol", 233, FhirTestHost.Now.AddDays(-400))
            .Build().ToJsonString();

        var newest = await host.AssessAsync("heart", withHistory);
        var stale = await host.AssessAsync("heart", onlyStale);

        var expected = await host.PredictJsonAsync("heart", new Dictionary<string, double>(disease.Example) { ["chol"] = 380 });
        Assert.Equal(expected.Json.GetProperty("probability").GetDouble(), Probability(newest), 1e-6);
        Assert.NotEqual(Probability(await host.AssessAsync("heart", plain)), Probability(newest));
        Assert.Equal(400, stale.Status);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Parse(Encoding.UTF8.GetBytes(stale.Body)));
        Assert.Contains(outcome.Issue, i => i.Diagnostics == "chol" && i.Details!.Text!.Contains("older than 365 days", StringComparison.Ordinal));
        Assert.Contains(outcome.Issue, i => i.Diagnostics == "chol" && i.Severity == OperationOutcome.IssueSeverity.Error && i.Details!.Coding[0].Code == "2093-3");
        Assert.Empty(FirelyValidation.Errors(outcome));
    }

    [Fact]
    public async Task Assess_TwoObservationsAtTheSameTimeDisagree_TheFirstIsUsedAndTheOutcomeSaysSo()
    {
        var disease = DiseaseCatalog.Get("liver");
        using var host = new FhirTestHost();
        var taken = FhirTestHost.Now.AddDays(-3);
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now) { Taken = taken }.With("albumin", 2.0, taken).Build().ToJsonString();

        var response = await host.AssessAsync("liver", bundle);

        // With adds its observation before Build adds the record's: the 2.0 g/dl is the first sent.
        var expected = await host.PredictJsonAsync("liver", new Dictionary<string, double>(disease.Example) { ["albumin"] = 2.0 });
        Assert.Equal(expected.Json.GetProperty("probability").GetDouble(), Probability(response), 1e-6);
        var outcome = Outcome(response);
        Assert.Contains(outcome.Issue, i => i.Diagnostics == "albumin" && i.Code == OperationOutcome.IssueType.Duplicate && i.Severity == OperationOutcome.IssueSeverity.Warning);
    }

    [Fact]
    public async Task Assess_APatientWithNoneOfTheCodes_Is400NamingEveryRequiredInputAndItsCode()
    {
        var disease = DiseaseCatalog.Get("liver");
        using var host = new FhirTestHost();
        var bundle = new SyntheaShapedBundle(disease, new Dictionary<string, double> { ["age"] = 45 }, FhirTestHost.Now).Build();
        ((JsonArray)bundle["entry"]!).Add(JsonNode.Parse("""
            {"fullUrl":"urn:uuid:3f1d2a55-8f4e-4b7e-9d55-1c2c1f0a9b01","resource":{"resourceType":"Observation","status":"final",
             "code":{"coding":[{"system":"http://loinc.org","code":"8302-2","display":"Body height"}]},
             "effectiveDateTime":"2026-12-01T09:00:00Z","valueQuantity":{"value":170,"unit":"cm","system":"http://unitsofmeasure.org","code":"cm"}}}
            """));

        var response = await host.AssessAsync("liver", bundle.ToJsonString());

        Assert.Equal(400, response.Status);
        Assert.Equal("application/fhir+json; charset=utf-8", response.ContentType);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body)));
        var required = disease.Fields.Where(f => f.Required && f.Fhir!.Source == HealthOracle.Diseases.Fields.FhirSource.Observation).Select(f => f.Name);
        Assert.All(required, name => Assert.Contains(outcome.Issue, i => i.Diagnostics == name && i.Code == OperationOutcome.IssueType.Required));
        Assert.Contains(outcome.Issue, i => i.Diagnostics == "albumin_globulin_ratio" && i.Severity == OperationOutcome.IssueSeverity.Warning);
        Assert.Empty(FirelyValidation.Errors(outcome));
    }

    [Fact]
    public async Task Assess_ParametersWithAPatientAndObservations_IsReadLikeABundle()
    {
        var disease = DiseaseCatalog.Get("diabetes");
        using var host = new FhirTestHost();
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build();
        var parameters = new JsonObject
        {
            ["resourceType"] = "Parameters",
            ["parameter"] = new JsonArray([.. SyntheaShapedBundle.Stored(bundle)
                .Where(r => r["resourceType"]!.GetValue<string>() is "Patient" or "Observation")
                .Select(r => (JsonNode)new JsonObject { ["name"] = r["resourceType"]!.GetValue<string>().ToLowerInvariant(), ["resource"] = r })]),
        };

        var viaParameters = await host.AssessAsync("diabetes", parameters.ToJsonString());

        Assert.Equal(Probability(await host.AssessAsync("diabetes", bundle.ToJsonString())), Probability(viaParameters), 1e-9);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Patient\",\"gender\":\"robot\"}", "application/fhir+json", 400)]
    [InlineData("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}", "application/fhir+json", 400)]
    [InlineData("not json", "application/fhir+json", 400)]
    [InlineData("<Bundle xmlns=\"http://hl7.org/fhir\"/>", "application/fhir+xml", 415)]
    public async Task Assess_WhatIsNotARecord_IsAnOperationOutcome(string body, string contentType, int status)
    {
        using var host = new FhirTestHost();

        var response = await host.AssessAsync("heart", body, contentType);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/fhir+json; charset=utf-8", response.ContentType);
        var outcome = Assert.IsType<OperationOutcome>(FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body)));
        Assert.Contains(outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
    }

    private static double Probability(HealthOracle.Functions.Tests.Predictions.TestResponse response)
    {
        Assert.True(response.Status == 200, response.Body);
        var answer = (Parameters)FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body));
        var assessment = (RiskAssessment)answer.Parameter.Single(p => p.Name == "return").Resource!;
        return (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value;
    }

    private static OperationOutcome Outcome(HealthOracle.Functions.Tests.Predictions.TestResponse response) =>
        (OperationOutcome)((Parameters)FhirJson.Parse(Encoding.UTF8.GetBytes(response.Body))).Parameter.Single(p => p.Name == "outcome").Resource!;
}
