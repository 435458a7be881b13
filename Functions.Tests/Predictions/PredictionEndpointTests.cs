using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Models;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.Tests.Models;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.Predictions;

public sealed class PredictionEndpointTests
{
    [Theory]
    [InlineData("heart", "chol")]
    [InlineData("heart", "thal")]
    [InlineData("diabetes", "glucose")]
    [InlineData("liver", "albumin")]
    [InlineData("lung", "area_air_quality_index")]
    public async Task Post_OneHotModel_FeedsEachFieldToItsOwnInput(string disease, string field)
    {
        // A model that only looks at one input: its answer is sigmoid(value / 100).
        var schema = DiseaseCatalog.Get(disease);
        var weights = schema.Fields.Select(f => f.Name == field ? 0.01f : 0f).ToArray();
        using var host = Host(TestModels.For(disease, weights: weights));

        var response = await host.PostJsonAsync(disease, TestPatients.Json(disease));

        var expected = 1 / (1 + Math.Exp(-TestPatients.Value(disease, field) / 100));
        Assert.Equal(200, response.Status);
        Assert.Equal(Math.Round(expected, 4), response.Json.GetProperty("probability").GetDouble(), 4);
    }

    [Fact]
    public async Task Post_BatchOnASiteCall_Is403NamingTheKeyAndLogsNoValue()
    {
        using var host = Host(TestModels.For("heart"));

        var batch = await host.SendAsync("POST", "heart", System.Text.Encoding.UTF8.GetBytes(TestPatients.Array("heart", 2)), "application/json", siteCall: true);
        var one = await host.SendAsync("POST", "heart", System.Text.Encoding.UTF8.GetBytes(TestPatients.Json("heart")), "application/json", siteCall: true);

        Assert.Equal(403, batch.Status);
        Assert.Equal("application/problem+json", batch.ContentType);
        Assert.Contains("subscription key", batch.Json.GetProperty("detail").GetString());
        Assert.Equal(200, one.Status);
        Assert.All(host.Logs.GetSnapshot(), record => Assert.DoesNotContain("233", record.Message));
    }

    [Fact]
    public async Task Post_OnePatient_AnswersTheContractShape()
    {
        var model = TestModels.For("heart", version: "2026.11.26", bias: 3f, weights: new float[13]);
        using var host = Host(model);

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        var json = response.Json;
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal("heart", json.GetProperty("disease").GetString());
        Assert.Equal(0.9526, json.GetProperty("probability").GetDouble());
        Assert.Equal(95.26, json.GetProperty("riskPercentage").GetDouble());
        Assert.Equal("High", json.GetProperty("category").GetString());
        Assert.True(json.GetProperty("advice").GetArrayLength() >= 2);
        Assert.Equal(63, json.GetProperty("inputs").GetProperty("age").GetDouble());
        Assert.Equal(2.3, json.GetProperty("inputs").GetProperty("oldpeak").GetDouble());
        Assert.Equal("2026.11.26", json.GetProperty("model").GetProperty("version").GetString());
        Assert.Equal(model.Entry.Sha256, json.GetProperty("model").GetProperty("sha256").GetString());
        Assert.False(json.GetProperty("model").GetProperty("synthetic").GetBoolean());
        Assert.Contains("not a diagnosis", json.GetProperty("disclaimer").GetString());
    }

    [Fact]
    public async Task Post_Lung_CarriesTheManifestsSyntheticNotice()
    {
        using var host = Host(TestModels.For("lung"));

        var response = await host.PostJsonAsync("lung", TestPatients.Json("lung"));

        var model = response.Json.GetProperty("model");
        Assert.True(model.GetProperty("synthetic").GetBoolean());
        Assert.Equal("Synthetic data: demonstration only.", model.GetProperty("notice").GetString());
    }

    [Fact]
    public async Task Post_Batch_AnswersAnArrayInTheSameOrder()
    {
        var weights = Heart.Definition.Fields.Select(f => f.Name == "age" ? 0.05f : 0f).ToArray();
        using var host = Host(TestModels.For("heart", weights: weights, flatOutput: true));
        var ages = new[] { 30, 90, 45, 60 };
        var body = "[" + string.Join(",", ages.Select(a => TestPatients.Json("heart", "age", a.ToString()))) + "]";

        var response = await host.PostJsonAsync("heart", body);

        var results = response.Json.EnumerateArray().ToList();
        Assert.Equal(ages, results.Select(r => (int)r.GetProperty("inputs").GetProperty("age").GetDouble()));
        var expected = ages.Select(a => Math.Round(1 / (1 + Math.Exp(-0.05 * a)), 4));
        Assert.Equal(expected, results.Select(r => r.GetProperty("probability").GetDouble()));
    }

    [Fact]
    public async Task Post_OptionalFieldOmitted_EchoesNullAndScores()
    {
        using var host = Host(TestModels.For("diabetes"));

        var response = await host.PostJsonAsync("diabetes", TestPatients.Json("diabetes", "insulin", TestPatients.Omit));

        Assert.Equal(200, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("inputs").GetProperty("insulin").ValueKind);
    }

    [Fact]
    public async Task Post_BadValues_IsProblemJsonWithFieldErrors()
    {
        using var host = Host(TestModels.For("heart"));

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart", "age", "200"));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, response.Json.GetProperty("status").GetInt32());
        Assert.True(response.Json.TryGetProperty("type", out _));
        Assert.Contains("from 18 to 120", response.Json.GetProperty("errors").GetProperty("age")[0].GetString());
    }

    [Theory]
    [InlineData("heart", 13, false)]
    [InlineData("lung", 8, true)]
    public async Task Get_AnswersTheSchema(string disease, int fields, bool synthetic)
    {
        using var host = Host(TestModels.For(disease));

        var response = await host.SendAsync("GET", disease, null, null);

        var json = response.Json;
        Assert.Equal(fields, json.GetProperty("fields").GetArrayLength());
        Assert.Equal(synthetic, json.GetProperty("synthetic").GetBoolean());
        var first = json.GetProperty("fields")[0];
        Assert.Equal("age", first.GetProperty("name").GetString());
        Assert.Equal("integer", first.GetProperty("type").GetString());
        Assert.Equal(0, ((TestModelStore)host.Services.GetService(typeof(IModelStore))!).Downloads);
    }

    [Fact]
    public async Task Post_StoreUnreachable_Is503WithRetryAfterAndTheReason()
    {
        var store = new TestModelStore { Failure = () => new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down") };
        using var host = new TestPredictionHost(store, retryAfterSeconds: 7);

        var response = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, response.Status);
        Assert.Equal("7", response.Headers.RetryAfter.ToString());
        Assert.Contains("unreachable", response.Json.GetProperty("detail").GetString());
        Assert.Equal("StorageUnreachable", response.Json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Post_FailedLoad_IsNotCachedSoTheNextCallLoads()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart"));
        var failing = true;
        store.Failure = () => failing ? new ModelUnavailableException("*", ModelUnavailableReason.StorageUnreachable, "down") : null;
        using var host = new TestPredictionHost(store);

        var first = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        failing = false;
        var second = await host.PostJsonAsync("heart", TestPatients.Json("heart"));

        Assert.Equal(503, first.Status);
        Assert.Equal(200, second.Status);
    }

    [Fact]
    public async Task Logs_OfAPredictionAndARejection_HoldNoSubmittedValue()
    {
        using var host = Host(TestModels.For("heart"));
        var distinctive = TestPatients.Json("heart", "chol", "287.13").Replace("\"trestbps\":145", "\"trestbps\":141.77");

        await host.PostJsonAsync("heart", distinctive);
        await host.PostJsonAsync("heart", distinctive.Replace("\"thalach\":150", "\"thalach\":229.61").Replace("\"ca\":0", "\"ca\":3.5"));
        await host.SendAsync("POST", "heart", System.Text.Encoding.UTF8.GetBytes("age=63.25&chol=287.13"), "application/x-www-form-urlencoded");

        var records = host.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        var logged = string.Join("\n", records.Select(r => r.Message + " " + string.Join(";", r.StructuredState?.Select(s => s.Key + "=" + s.Value) ?? [])));
        Assert.Contains("Scored 1 heart", logged);
        Assert.Contains("Rejected a heart request", logged);
        foreach (var value in new[] { "287.13", "141.77", "229.61", "3.5", "63.25" })
        {
            // As a number of its own: a timing such as "13.5015 ms" holds "3.5" and is not the value.
            Assert.DoesNotMatch($@"(?<![\d.]){System.Text.RegularExpressions.Regex.Escape(value)}(?![\d])", logged);
        }
    }

    private static TestPredictionHost Host(params (HealthOracle.Diseases.Manifest.ModelEntry, byte[])[] models)
    {
        var store = new TestModelStore();
        store.Publish(models);
        return new TestPredictionHost(store);
    }
}
