using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Fhir.CdsHooks;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging.Testing;
using Task = System.Threading.Tasks.Task;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// The CDS Hooks service: discovery, hook calls with prefetch and against an EHR's FHIR server (a real HTTP stand-in).
/// Every discovery answer, hook call and card is checked twice: against the checker written from the FSH models
/// (<see cref="CdsHooksLogicalModel"/>, with their invariants) and against the schema derived from HL7's published
/// StructureDefinitions (<see cref="CdsHooksSpecification"/>).
/// </summary>
public sealed class CdsHooksTests
{
    public static TheoryData<string> Diseases => [.. DiseaseCatalog.All.Select(d => d.Key)];

    [Fact]
    public void Discovery_OneServicePerDisease_FollowsTheLogicalModel_AndPrefetchesEveryCodeRead()
    {
        var json = JsonSerializer.SerializeToElement(CdsDiscovery.Services, CdsJsonContext.Default.CdsServices);

        Assert.Empty(CdsHooksLogicalModel.Services(json));
        Assert.Empty(CdsHooksSpecification.Errors("Services", json));
        var services = json.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(DiseaseCatalog.Keys.Order(), services.Select(s => s.GetProperty("id").GetString()).Order());
        Assert.All(services, s => Assert.Equal("patient-view", s.GetProperty("hook").GetString()));
        foreach (var service in services)
        {
            var disease = DiseaseCatalog.Get(service.GetProperty("id").GetString()!);
            var query = service.GetProperty("prefetch").GetProperty("observations").GetString()!;
            Assert.Equal("Patient/{{context.patientId}}", service.GetProperty("prefetch").GetProperty("patient").GetString());
            Assert.All(disease.Fields.Where(f => f.Fhir!.Source == HealthOracle.Diseases.Fields.FhirSource.Observation).SelectMany(f => f.Fhir!.Codes),
                code => Assert.Contains(code.Code.System + "|" + code.Code.Code, query));
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Call_WithPrefetch_AnswersACardThatFollowsTheModel_AndItsSuggestionIsAValidRiskAssessment(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        using var host = new FhirTestHost(new() { ["Site:Url"] = "https://site.example/" });
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build();
        var request = Request(bundle, prefetch: true);

        var response = await host.HookAsync(key, request.ToJsonString());

        Assert.Empty(CdsHooksLogicalModel.Request(JsonSerializer.SerializeToElement(request)));
        Assert.Empty(CdsHooksSpecification.Errors("Request", JsonSerializer.SerializeToElement(request)));
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal("*", response.Headers.AccessControlAllowOrigin.ToString());
        Assert.Empty(CdsHooksLogicalModel.Response(response.Json));
        Assert.Empty(CdsHooksSpecification.Errors("Response", response.Json));
        var card = Assert.Single(response.Json.GetProperty("cards").EnumerateArray());
        var json = await host.PredictJsonAsync(key, disease.Example);
        var percentage = json.Json.GetProperty("riskPercentage").GetDouble();
        Assert.Contains(disease.DisplayName + " risk", card.GetProperty("summary").GetString());
        Assert.Contains(json.Json.GetProperty("category").GetString()!, card.GetProperty("summary").GetString());
        Assert.Equal(CardWriter.Indicator(Enum.Parse<RiskCategory>(json.Json.GetProperty("category").GetString()!)), card.GetProperty("indicator").GetString());
        Assert.Equal($"https://site.example/model-{key}.html", card.GetProperty("source").GetProperty("url").GetString());
        Assert.Contains("not a diagnosis", card.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var resource = card.GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource");
        var assessment = Assert.IsType<RiskAssessment>(FhirJson.Parse(resource));
        Assert.Equal(json.Json.GetProperty("probability").GetDouble(), (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value, 1e-6);
        Assert.Empty(FirelyValidation.Errors(assessment));
        Assert.True(percentage >= 0);
    }

    [Fact]
    public async Task Call_WithoutEnoughData_AnswersAnInfoCardNamingWhatIsMissing()
    {
        var disease = DiseaseCatalog.Get("kidney");
        using var host = new FhirTestHost();
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now) { Omit = new HashSet<string> { "serum_creatinine", "hemoglobin" } }.Build();

        var response = await host.HookAsync("kidney", Request(bundle, prefetch: true).ToJsonString());

        Assert.Equal(200, response.Status);
        Assert.Empty(CdsHooksLogicalModel.Response(response.Json));
        Assert.Empty(CdsHooksSpecification.Errors("Response", response.Json));
        var card = Assert.Single(response.Json.GetProperty("cards").EnumerateArray());
        Assert.Equal("info", card.GetProperty("indicator").GetString());
        Assert.Contains("2 inputs missing", card.GetProperty("summary").GetString());
        Assert.Contains("Serum creatinine", card.GetProperty("detail").GetString());
        Assert.Contains("LOINC 2160-0", card.GetProperty("detail").GetString());
        Assert.False(card.TryGetProperty("suggestions", out _));
    }

    [Fact]
    public async Task Call_WithoutPrefetch_ReadsTheEhrsFhirServerWithTheBearerToken()
    {
        var disease = DiseaseCatalog.Get("heart");
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build();
        await using var server = await FhirServerStandIn.StartAsync(bundle, "token-123");
        using var host = new FhirTestHost();
        var request = Request(bundle, prefetch: false, server: server.Url + "/fhir", token: "token-123");

        var response = await host.HookAsync("heart", request.ToJsonString());

        Assert.Empty(CdsHooksLogicalModel.Request(JsonSerializer.SerializeToElement(request)));
        Assert.Empty(CdsHooksSpecification.Errors("Request", JsonSerializer.SerializeToElement(request)));
        Assert.True(response.Status == 200, response.Body);
        Assert.Empty(CdsHooksLogicalModel.Response(response.Json));
        Assert.Empty(CdsHooksSpecification.Errors("Response", response.Json));
        var json = await host.PredictJsonAsync("heart", disease.Example);
        var resource = response.Json.GetProperty("cards")[0].GetProperty("suggestions")[0].GetProperty("actions")[0].GetProperty("resource");
        var assessment = (RiskAssessment)FhirJson.Parse(resource);
        Assert.Equal(json.Json.GetProperty("probability").GetDouble(), (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value, 1e-6);
        Assert.Equal(2, server.Requests.Count);
        Assert.StartsWith("/fhir/Patient/", server.Requests[0]);
        Assert.StartsWith("/fhir/Observation?patient=", server.Requests[1]);
        Assert.Contains("2093-3", Uri.UnescapeDataString(server.Requests[1]));

        // The EHR's addresses carry the patient's id, and the call its token: neither reaches a log line.
        var patientId = server.Requests[0]["/fhir/Patient/".Length..];
        var logged = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logged);
        Assert.DoesNotContain(logged, r => r.Message.Contains(patientId, StringComparison.Ordinal) || r.Message.Contains("token-123", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_WhenTheFhirServerRedirects_DoesNotFollow_AndAnswers412()
    {
        var disease = DiseaseCatalog.Get("heart");
        var bundle = new SyntheaShapedBundle(disease, disease.Example, FhirTestHost.Now).Build();
        await using var elsewhere = await FhirServerStandIn.StartAsync(bundle, "token-123");
        await using var server = await FhirServerStandIn.StartAsync(bundle, "token-123");
        server.RedirectTo = elsewhere.Url + "/fhir/Patient/x";
        using var host = new FhirTestHost();

        var response = await host.HookAsync("heart", Request(bundle, prefetch: false, server: server.Url + "/fhir", token: "token-123").ToJsonString());

        Assert.Equal(412, response.Status);
        Assert.Single(server.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Theory]
    [InlineData("{}", 400)]
    [InlineData("{\"hook\":\"order-sign\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":{\"patientId\":\"p\"}}", 400)]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":{\"patientId\":\"../admin\"}}", 400)]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p1\"}}", 412)]
    [InlineData("{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\",\"context\":{\"patientId\":\"p1\"},\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"gender\":\"robot\"},\"observations\":{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}}}", 200)]
    public async Task Call_WhatAnEhrGetsWrong_IsNeverA500(string body, int status)
    {
        using var host = new FhirTestHost();

        var response = await host.HookAsync("heart", body);

        Assert.Equal(status, response.Status);
    }

    private static JsonObject Request(JsonObject bundle, bool prefetch, string? server = null, string? token = null)
    {
        var entries = SyntheaShapedBundle.Stored(bundle);
        var patient = entries.Single(r => r["resourceType"]!.GetValue<string>() == "Patient");
        var request = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/example", ["patientId"] = patient["id"]!.GetValue<string>() },
        };
        if (prefetch)
        {
            request["prefetch"] = new JsonObject
            {
                ["patient"] = patient.DeepClone(),
                ["observations"] = new JsonObject
                {
                    ["resourceType"] = "Bundle",
                    ["type"] = "searchset",
                    ["entry"] = new JsonArray([.. entries.Where(r => r["resourceType"]!.GetValue<string>() == "Observation").Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() })]),
                },
            };
        }

        if (server is not null)
        {
            request["fhirServer"] = server;
            request["fhirAuthorization"] = new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "Bearer",
                ["expires_in"] = 300,
                ["scope"] = "patient/Patient.read patient/Observation.read",
                ["subject"] = "healthoracle",
            };
        }

        return request;
    }
}
