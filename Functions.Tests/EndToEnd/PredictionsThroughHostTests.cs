using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>The prediction API as callers meet it: DevHost, the real worker, the real models in Azurite.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PredictionsThroughHostTests(PredictionHostFixture fixture) : IClassFixture<PredictionHostFixture>
{
    public static TheoryData<string> Diseases() => [.. HealthOracle.Diseases.DiseaseCatalog.Keys];

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Post_Json_ScoresThePatient(string disease)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync($"api/predict/{disease}", Json(TestPatients.Json(disease)));

        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(disease, body.GetProperty("disease").GetString());
        Assert.InRange(body.GetProperty("probability").GetDouble(), 0, 1);
        Assert.Contains(body.GetProperty("category").GetString(), new[] { "Low", "Moderate", "High" });
        Assert.False(string.IsNullOrEmpty(body.GetProperty("model").GetProperty("sha256").GetString()));
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Post_OriginalFormPost_ScoresThePatient(string disease)
    {
        using var client = fixture.Host.CreateClient();
        using var form = new StringContent(TestPatients.Form(disease), Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync($"api/predict/{disease}", form);

        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(disease, body.GetProperty("disease").GetString());
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task Get_Schema_ListsEveryField(string disease)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync($"api/predict/{disease}");

        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        var fields = body.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(TestPatients.Valid[disease].Select(f => f.Name).Order(), fields.Order());
    }

    [Fact]
    public async Task Post_Batch_AnswersAnArrayInOrder()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("api/predict/heart", Json(TestPatients.Array("heart", 3)));

        var body = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(3, body.GetArrayLength());
        Assert.All(body.EnumerateArray(), item => Assert.Equal("heart", item.GetProperty("disease").GetString()));
    }

    [Theory]
    [InlineData("missing field", HttpStatusCode.BadRequest, "age")]
    [InlineData("out of range", HttpStatusCode.BadRequest, "age")]
    [InlineData("wrong type", HttpStatusCode.BadRequest, "age")]
    [InlineData("bad code", HttpStatusCode.BadRequest, "thal")]
    [InlineData("malformed json", HttpStatusCode.BadRequest, null)]
    [InlineData("empty batch", HttpStatusCode.BadRequest, null)]
    [InlineData("unsupported content type", HttpStatusCode.UnsupportedMediaType, null)]
    [InlineData("too large", HttpStatusCode.RequestEntityTooLarge, null)]
    public async Task Post_BadInput_AnswersProblemJson(string badInput, HttpStatusCode expected, string? field)
    {
        using var client = fixture.Host.CreateClient();
        using var content = badInput switch
        {
            "missing field" => Json(TestPatients.Json("heart", "age", TestPatients.Omit)),
            "out of range" => Json(TestPatients.Json("heart", "age", "500")),
            "wrong type" => Json(TestPatients.Json("heart", "age", "\"sixty\"")),
            "bad code" => Json(TestPatients.Json("heart", "thal", "5")),
            "malformed json" => Json("{\"age\": 63,"),
            "empty batch" => Json("[]"),
            "unsupported content type" => new StringContent("age=63", Encoding.UTF8, "text/plain"),
            _ => Json("[" + string.Join(",", Enumerable.Repeat(TestPatients.Json("heart"), 12_000)) + "]"),
        };

        using var response = await client.PostAsync("api/predict/heart", content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
