using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Predictions.WhatIf;
using HealthOracle.Functions.Tests.Explanations;
using HealthOracle.Functions.Tests.Predictions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Predictions.WhatIf;

/// <summary>POST /api/predict/{disease}/what-if and the whatIf, factors and population of every answer, on the repository's models.</summary>
public sealed class WhatIfTests : IDisposable
{
    private readonly TestPredictionHost _host = new(ExplanationModels.RepositoryStore());

    [Theory]
    [InlineData("heart", "trestbps", "145")]
    [InlineData("diabetes", "bmi", "33.6")]
    [InlineData("kidney", "blood_pressure", "80")]
    [InlineData("lung", "smoking_status", "1")]
    public async Task WhatIf_ChangeToTheSameValue_SameRiskAndNoDifference(string disease, string field, string same)
    {
        var response = await WhatIfAsync(disease, $"{{\"patient\":{TestPatients.Json(disease)},\"changes\":{{\"{field}\":{same}}}}}");

        Assert.Equal(200, response.Status);
        var json = response.Json;
        Assert.Equal(json.GetProperty("before").GetProperty("riskPercentage").GetDouble(), json.GetProperty("after").GetProperty("riskPercentage").GetDouble());
        Assert.Equal(0, json.GetProperty("difference").GetDouble());
    }

    [Fact]
    public async Task WhatIf_LowerBloodPressure_AnswersBothEstimatesFromOneModelAndTheirDifference()
    {
        var response = await WhatIfAsync("heart", $"{{\"patient\":{TestPatients.Json("heart")},\"changes\":{{\"trestbps\":120}}}}");

        var json = response.Json;
        var before = json.GetProperty("before").GetProperty("riskPercentage").GetDouble();
        var after = json.GetProperty("after").GetProperty("riskPercentage").GetDouble();
        var direct = (await _host.PostJsonAsync("heart", TestPatients.Json("heart", "trestbps", "120"))).Json.GetProperty("riskPercentage").GetDouble();
        Assert.Equal(direct, after);
        Assert.True(after < before, $"{after} < {before}");
        Assert.Equal(Math.Round(after - before, 2), json.GetProperty("difference").GetDouble());
        Assert.Equal(120, json.GetProperty("after").GetProperty("inputs").GetProperty("trestbps").GetDouble());
        var change = json.GetProperty("changes")[0];
        Assert.Equal(("trestbps", 145.0, 120.0), (change.GetProperty("field").GetString(), change.GetProperty("from").GetDouble(), change.GetProperty("to").GetDouble()));
        Assert.Contains("not what a treatment", json.GetProperty("note").GetString());
        Assert.Equal("2026.11.30.1", json.GetProperty("model").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"trestbps\":500}}", "changes.trestbps")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"trestbps\":\"high\"}}", "changes.trestbps")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"age\":null}}", "changes.age")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"nope\":1}}", "changes.nope")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"trestbps\":120,\"trestbps\":130}}", "changes.trestbps")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{}}", "changes")]
    [InlineData("{\"patient\":PATIENT}", "changes")]
    [InlineData("{\"changes\":{\"trestbps\":120}}", "patient")]
    [InlineData("{\"patient\":{\"age\":63},\"changes\":{\"trestbps\":120}}", "patient.sex")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"trestbps\":120},\"extra\":1}", "extra")]
    public async Task WhatIf_BadInput_400NamingTheField(string body, string key)
    {
        var response = await WhatIfAsync("heart", body.Replace("PATIENT", TestPatients.Json("heart")));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty(key, out _), response.Body);
    }

    [Fact]
    public async Task WhatIf_DirectBilirubinRaisedAboveTheTotal_400NamesTheChange()
    {
        var response = await WhatIfAsync("liver", $"{{\"patient\":{TestPatients.Json("liver")},\"changes\":{{\"direct_bilirubin\":5}}}}");

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("changes.direct_bilirubin", out _), response.Body);
    }

    [Theory]
    [InlineData("text/plain", "x", 415)]
    [InlineData("application/json", "", 400)]
    [InlineData("application/json", "[1]", 400)]
    [InlineData("application/json", "{\"patient\":", 400)]
    public async Task WhatIf_NotAWhatIfBody_Problem(string contentType, string body, int status)
    {
        var response = await WhatIfAsync("heart", body, contentType);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Theory]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"\\ud800\":1}}")]
    [InlineData("{\"patient\":PATIENT,\"changes\":{\"trestbps\":120},\"\\udc00x\":1}")]
    public async Task WhatIf_NameThatIsNoText_400NotAnException(string body)
    {
        var response = await WhatIfAsync("heart", body.Replace("PATIENT", TestPatients.Json("heart")));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task WhatIf_ThousandsOfLongUnknownNames_ABoundedAnswer()
    {
        // 300 names of 200 characters: each would be echoed whole, 300 times, without the cap.
        var names = string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"{i:D4}{new string('n', 196)}\":1"));
        var response = await WhatIfAsync("heart", $"{{\"patient\":{TestPatients.Json("heart")},\"changes\":{{{names}}}}}");

        Assert.Equal(400, response.Status);
        var errors = response.Json.GetProperty("errors").EnumerateObject().ToArray();
        Assert.Equal(HealthOracle.Functions.Infrastructure.Bodies.Errors.MaxListed, errors.Length);
        Assert.All(errors, e => Assert.True(e.Name.Length <= "changes.".Length + HealthOracle.Functions.Infrastructure.Bodies.JsonText.MaxEchoedNameChars + 1, e.Name));
        Assert.Equal(250, response.Json.GetProperty("moreErrors").GetInt32());
        Assert.True(response.Body.Length < 16 * 1024, $"{response.Body.Length} bytes");
    }

    [Fact]
    public async Task WhatIf_UnknownDisease_404()
    {
        var response = await WhatIfAsync("spleen", "{}");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task Predict_EveryAnswer_CarriesPopulationFactorsAndWhatIfForChangeableInputsAwayFromTarget()
    {
        var response = await _host.PostJsonAsync("heart", TestPatients.Json("heart"));

        var json = response.Json;
        var population = json.GetProperty("model").GetProperty("population");
        Assert.Contains("46%", population.GetProperty("relativeTo").GetString());
        Assert.Equal(0.459, population.GetProperty("prevalence").GetDouble());
        var factors = json.GetProperty("factors").EnumerateArray().ToArray();
        Assert.Equal(13, factors.Length);
        var sum = factors.Sum(f => f.GetProperty("contribution").GetDouble());
        Assert.Equal(json.GetProperty("riskPercentage").GetDouble() - json.GetProperty("baseline").GetDouble(), sum, 1e-9);
        Assert.Contains("not causes", json.GetProperty("factorsNote").GetString());
        // Typical angina lowers this model's estimate: a feature of the referral sample, which the factor itself explains.
        var chestPain = factors.Single(f => f.GetProperty("field").GetString() == "cp");
        Assert.Equal("lowers", chestPain.GetProperty("direction").GetString());
        Assert.Contains("feature of the sample", chestPain.GetProperty("note").GetString());
        Assert.All(factors.Where(f => f.GetProperty("field").GetString() != "cp"), f => Assert.False(f.TryGetProperty("note", out _)));
        // The patient: trestbps 145 (target 90–120), chol 233 (80–200), fbs 1 (target 0).
        Assert.Equal(["trestbps", "chol", "fbs"], json.GetProperty("whatIf").EnumerateArray().Select(w => w.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Predict_Batch_EveryPatientExplained()
    {
        var response = await _host.PostJsonAsync("diabetes", TestPatients.Array("diabetes", 3));

        Assert.All(response.Json.EnumerateArray(), p => Assert.Equal(8, p.GetProperty("factors").GetArrayLength()));
    }

    [Fact]
    public async Task Predict_ExplainFalse_NoBaselineFactorsOrWhatIf()
    {
        var response = await SendAsync("POST", "/api/predict/heart", "?explain=false", TestPatients.Json("heart"), "application/json", async host => await host.Services.GetRequiredService<HealthOracle.Functions.Predictions.PredictionEndpoint>().HandleAsync("heart", host.Request, CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.False(response.Json.TryGetProperty("factors", out _));
        Assert.False(response.Json.TryGetProperty("baseline", out _));
        Assert.False(response.Json.TryGetProperty("whatIf", out _));
        Assert.True(response.Json.GetProperty("model").TryGetProperty("population", out _));
    }

    [Fact]
    public async Task Predict_ExplainNeitherTrueNorFalse_400NamingTheParameter()
    {
        var response = await SendAsync("POST", "/api/predict/heart", "?explain=maybe", TestPatients.Json("heart"), "application/json", async host => await host.Services.GetRequiredService<HealthOracle.Functions.Predictions.PredictionEndpoint>().HandleAsync("heart", host.Request, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.True(response.Json.GetProperty("errors").TryGetProperty("explain", out _));
    }

    public void Dispose() => _host.Dispose();

    private Task<TestResponse> WhatIfAsync(string disease, string body, string contentType = "application/json") =>
        SendAsync("POST", $"/api/predict/{disease}/what-if", "", body, contentType,
            async host => await ActivatorUtilities.CreateInstance<WhatIfFunction>(host.Services).Run(host.Request, disease, CancellationToken.None));

    private async Task<TestResponse> SendAsync(string method, string path, string query, string body, string contentType, Func<(IServiceProvider Services, HttpRequest Request), Task<IResult>> handle)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Request.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        var result = await handle((_host.Services, context.Request));
        await result.ExecuteAsync(context);

        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response.Headers);
    }
}
