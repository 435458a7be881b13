using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>
/// api-version 2026-12-01 as a caller meets it through DevHost and the real worker: the list of diseases, the batch
/// operation, the deprecated array on the single-patient operation, an unknown version, and numbers sent as strings.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ApiVersionOneThroughHostTests(PredictionHostFixture fixture) : IClassFixture<PredictionHostFixture>
{
    [Fact]
    public async Task Diseases_ListsEveryDiseaseWithItsLinks()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("api/diseases");

        using var body = await JsonAsync(response, HttpStatusCode.OK);
        var diseases = body.RootElement.GetProperty("diseases").EnumerateArray().ToList();
        Assert.Equal(HealthOracle.Diseases.DiseaseCatalog.Keys, diseases.Select(d => d.GetProperty("key").GetString()));
        var heart = diseases[0].GetProperty("links");
        Assert.Equal("/api/predict/heart", heart.GetProperty("schema").GetString());
        Assert.Equal("/api/predict/heart/batch", heart.GetProperty("batch").GetString());
        Assert.Equal("/api/predict/heart/what-if", heart.GetProperty("whatIf").GetString());
    }

    [Fact]
    public async Task Batch_WrappedBothWays_InOrder_AsOnePatientEach()
    {
        using var client = fixture.Host.CreateClient();
        var one = TestPatients.Json("heart");

        using var single = await client.PostAsync("api/predict/heart?api-version=2026-12-01", Json(one));
        using var batch = await client.PostAsync("api/predict/heart/batch?api-version=2026-12-01", Json($"{{\"patients\":[{one},{TestPatients.Json("heart", "age", "50")}]}}"));

        using var singleBody = await JsonAsync(single, HttpStatusCode.OK);
        using var batchBody = await JsonAsync(batch, HttpStatusCode.OK);
        var results = batchBody.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(singleBody.RootElement.GetProperty("probability").GetDouble(), results[0].GetProperty("probability").GetDouble());
        Assert.Equal(50, results[1].GetProperty("inputs").GetProperty("age").GetDouble());
        Assert.False(batch.Headers.Contains("Deprecation"));
    }

    [Fact]
    public async Task Batch_InvalidPatient_IsNamedByItsPlaceInPatients()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("api/predict/heart/batch", Json($"{{\"patients\":[{TestPatients.Json("heart")},{TestPatients.Json("heart", "age", "-5")}]}}"));

        using var body = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("InvalidValues", body.RootElement.GetProperty("code").GetString());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("patients[1].age", out _), body.RootElement.ToString());
    }

    [Fact]
    public async Task ArrayOnTheSingleOperation_Unversioned_IsAnsweredAndMarkedDeprecated_Versioned_IsRefused()
    {
        using var client = fixture.Host.CreateClient();
        var array = TestPatients.Array("heart", 2);

        using var unversioned = await client.PostAsync("api/predict/heart", Json(array));
        using var versioned = await client.PostAsync("api/predict/heart?api-version=2026-12-01", Json(array));

        using var answers = await JsonAsync(unversioned, HttpStatusCode.OK);
        Assert.Equal(2, answers.RootElement.GetArrayLength());
        Assert.Equal("@1796083200", string.Join(",", unversioned.Headers.GetValues("Deprecation")));
        Assert.Equal("Wed, 30 Jun 2027 00:00:00 GMT", string.Join(",", unversioned.Headers.GetValues("Sunset")));
        Assert.Contains("</api/predict/heart/batch>; rel=\"successor-version\"", string.Join(",", unversioned.Headers.GetValues("Link")));
        using var refused = await JsonAsync(versioned, HttpStatusCode.BadRequest);
        Assert.Equal("UseBatchOperation", refused.RootElement.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("v1")]
    public async Task UnknownApiVersion_Is400NamingTheVersions(string version)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync($"api/predict/heart?api-version={version}");

        using var body = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("UnsupportedApiVersion", body.RootElement.GetProperty("code").GetString());
        Assert.Contains("2026-12-01", body.RootElement.GetProperty("errors").GetProperty("api-version")[0].GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task NumberSentAsAString_IsRefusedNamingTheField_UnitsAndAsciiSpellingsAreRead()
    {
        using var client = fixture.Host.CreateClient();

        using var refused = await client.PostAsync("api/predict/diabetes", Json(TestPatients.Json("diabetes", "insulin", "\"94\"")));
        using var withUnit = await client.PostAsync("api/predict/liver", Json(TestPatients.Json("liver", "total_bilirubin", "{\"value\":11.97,\"unit\":\"umol/l\"}")));

        using var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("JSON number", problem.RootElement.GetProperty("errors").GetProperty("insulin")[0].GetString(), StringComparison.Ordinal);
        using var answer = await JsonAsync(withUnit, HttpStatusCode.OK);
        Assert.Equal("0.699853581", answer.RootElement.GetProperty("inputs").GetProperty("total_bilirubin").GetRawText());
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
