using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Predictions.Requests;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using Microsoft.AspNetCore.Http;
using System.Text;

namespace HealthOracle.Functions.Tests.Predictions.Requests;

public sealed class PredictionBodyTests
{
    [Theory]
    [InlineData("heart")]
    [InlineData("diabetes")]
    [InlineData("liver")]
    [InlineData("lung")]
    public async Task ReadAsync_ValidPatient_MapsEveryFieldInSchemaOrder(string disease)
    {
        var request = Request(TestPatients.Json(disease));

        var (batch, problem) = await PredictionBody.ReadAsync(DiseaseCatalog.Get(disease), request, CancellationToken.None);

        Assert.Null(problem);
        var expected = TestPatients.Valid[disease].Select(f => TestPatients.Value(disease, f.Name));
        Assert.Equal(expected, batch!.Values);
        Assert.False(batch.IsArray);
    }

    [Theory]
    [InlineData("diabetes", "bloodPressure")]
    [InlineData("liver", "totalBilirubin")]
    [InlineData("lung", "areaAirQualityIndex")]
    public async Task ReadAsync_CamelCaseNames_AreAccepted(string disease, string camel)
    {
        var json = TestPatients.Json(disease, rename: FieldRulesCamel);
        var request = Request(json);

        var (batch, problem) = await PredictionBody.ReadAsync(DiseaseCatalog.Get(disease), request, CancellationToken.None);

        Assert.Contains(camel, json);
        Assert.Null(problem);
        Assert.Equal(TestPatients.Valid[disease].Length, batch!.Fields);
    }

    // Every bad-input class, per disease: the answer is 400 and names the field.
    [Theory]
    [InlineData("heart", "age", TestPatients.Omit, "age", "is required")]
    [InlineData("heart", "age", "null", "age", "is required")]
    [InlineData("heart", "age", "63.5", "age", "whole number")]
    [InlineData("heart", "age", "121", "age", "from 18 to 120")]
    [InlineData("heart", "age", "\"sixty\"", "age", "must be a JSON number")]
    [InlineData("heart", "age", "true", "age", "must be a number")]
    [InlineData("heart", "age", "\"NaN\"", "age", "must be a JSON number")]
    [InlineData("heart", "chol", "\"Infinity\"", "chol", "must be a JSON number")]
    [InlineData("heart", "chol", "1e400", "chol", "finite")]
    [InlineData("heart", "chol", "-5", "chol", "from 80 to 700")]
    [InlineData("heart", "thal", "4", "thal", "must be one of: 3 (Normal)")]
    [InlineData("heart", "cp", "0", "cp", "must be one of")]
    [InlineData("heart", "sex", "2", "sex", "must be one of")]
    [InlineData("heart", "oldpeak", "{}", "oldpeak", "must be a number")]
    [InlineData("diabetes", "glucose", TestPatients.Omit, "glucose", "is required")]
    [InlineData("diabetes", "glucose", "401", "glucose", "from 40 to 400")]
    [InlineData("diabetes", "bmi", "\"-Infinity\"", "bmi", "must be a JSON number")]
    [InlineData("diabetes", "pregnancies", "2.5", "pregnancies", "whole number")]
    [InlineData("diabetes", "insulin", "\"lots\"", "insulin", "must be a JSON number")]
    [InlineData("diabetes", "diabetes_pedigree", "[1]", "diabetes_pedigree", "must be a number")]
    [InlineData("liver", "albumin", TestPatients.Omit, "albumin", "is required")]
    [InlineData("liver", "gender", "3", "gender", "must be one of")]
    [InlineData("liver", "total_bilirubin", "0", "total_bilirubin", "from 0.1 to 80")]
    [InlineData("liver", "direct_bilirubin", "0.8", "direct_bilirubin", "must not be more than total_bilirubin")]
    [InlineData("liver", "age", "\"NaN\"", "age", "must be a JSON number")]
    [InlineData("lung", "smoking_status", "2", "smoking_status", "must be one of: 0 (No), 1 (Yes)")]
    [InlineData("lung", "area_air_quality_index", "501", "area_air_quality_index", "from 0 to 500")]
    [InlineData("lung", "physical_activity_level", "3.5", "physical_activity_level", "whole number")]
    [InlineData("lung", "bmi", TestPatients.Omit, "bmi", "is required")]
    [InlineData("lung", "occupation_exposure", "\"Infinity\"", "occupation_exposure", "must be a JSON number")]
    public async Task ReadAsync_BadValue_Is400NamingTheField(string disease, string field, string raw, string key, string message)
    {
        var request = Request(TestPatients.Json(disease, field, raw));

        var (_, problem) = await PredictionBody.ReadAsync(DiseaseCatalog.Get(disease), request, CancellationToken.None);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains(message, Assert.Single(problem.Errors![key]));
    }

    [Theory]
    [InlineData("heart", "{\"age\":63,\"age\":64}", "age", "more than once")]
    [InlineData("diabetes", "{\"blood_pressure\":70,\"bloodPressure\":70}", "blood_pressure", "more than once")]
    [InlineData("heart", "{\"agee\":63}", "agee", "is not a field")]
    [InlineData("lung", "{\"Smoking_Status\":1}", "Smoking_Status", "is not a field")]
    public async Task ReadAsync_DuplicatedOrUnknownProperty_Is400(string disease, string json, string key, string message)
    {
        var request = Request(json);

        var (_, problem) = await PredictionBody.ReadAsync(DiseaseCatalog.Get(disease), request, CancellationToken.None);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains(message, problem.Errors![key][0]);
    }

    [Fact]
    public async Task ReadAsync_SeveralBadFields_NamesEachOne()
    {
        var json = TestPatients.Json("heart", "age", "500").Replace("\"chol\":233", "\"chol\":\"x\"").Replace("\"thal\":6", "\"thal\":5");

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(json), CancellationToken.None);

        Assert.Equal(["age", "chol", "thal"], problem!.Errors!.Keys.Order());
    }

    [Theory]
    [InlineData("diabetes", "skin_thickness")]
    [InlineData("diabetes", "insulin")]
    [InlineData("liver", "albumin_globulin_ratio")]
    public async Task ReadAsync_OptionalFieldOmitted_IsNaNForTheModelToImpute(string disease, string field)
    {
        var schema = DiseaseCatalog.Get(disease);

        var (batch, problem) = await PredictionBody.ReadAsync(schema, Request(TestPatients.Json(disease, field, TestPatients.Omit)), CancellationToken.None);

        Assert.Null(problem);
        Assert.True(double.IsNaN(batch!.Value(0, schema.Fields.ToList().FindIndex(f => f.Name == field))));
    }

    [Theory]
    [InlineData("", "application/json", 400, "Empty body")]
    [InlineData("   ", "application/json", 400, "Empty body")]
    [InlineData("{\"age\":", "application/json", 400, "Malformed body")]
    [InlineData("{\"age\":63}}", "application/json", 400, "Malformed body")]
    [InlineData("{'age':63}", "application/json", 400, "Malformed body")]
    [InlineData("63", "application/json", 400, "Malformed body")]
    [InlineData("[]", "application/json", 400, "Invalid values")]
    [InlineData("[1]", "application/json", 400, "Invalid values")]
    [InlineData("age=63", "text/plain", 415, "Unsupported content type")]
    [InlineData("<age>63</age>", "application/xml", 415, "Unsupported content type")]
    [InlineData("{}", null, 415, "Unsupported content type")]
    public async Task ReadAsync_BadBody_IsTheRightProblem(string body, string? contentType, int status, string title)
    {
        var request = Request(body, contentType);

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, request, CancellationToken.None);

        Assert.Equal(status, problem!.StatusCode);
        Assert.Equal(title, problem.Details.Title);
    }

    [Fact]
    public async Task ReadAsync_PatientOver64KB_Is413()
    {
        var json = TestPatients.Json("heart").TrimEnd('}') + ",\"pad\":\"" + new string('x', 70 * 1024) + "\"}";

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(json), CancellationToken.None);

        Assert.Equal(413, problem!.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_BatchOver1MB_Is413EvenWithoutContentLength()
    {
        var request = Request(TestPatients.Array("heart", 1000) + new string(' ', 1024 * 1024));
        request.ContentLength = null;

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, request, CancellationToken.None);

        Assert.Equal(413, problem!.StatusCode);
    }

    [Fact]
    public async Task ReadAsync_Batch1000_KeepsOrder()
    {
        var json = TestPatients.Array("heart", 999).TrimEnd(']') + "," + TestPatients.Json("heart", "age", "77") + "]";

        var (batch, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(json), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(1000, batch!.Count);
        Assert.Equal(77, batch.Value(999, 0));
        Assert.Equal(63, batch.Value(0, 0));
    }

    [Fact]
    public async Task ReadAsync_Batch1001_Is400()
    {
        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(TestPatients.Array("heart", 1001)), CancellationToken.None);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains("at most 1000", problem.Errors!["$"][0]);
    }

    [Fact]
    public async Task ReadAsync_BatchWithABadPatient_KeysTheErrorByIndex()
    {
        var json = "[" + TestPatients.Json("heart") + "," + TestPatients.Json("heart") + "," + TestPatients.Json("heart", "age", "12") + "]";

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(json), CancellationToken.None);

        Assert.Equal(["[2].age"], problem!.Errors!.Keys);
    }

    [Fact]
    public async Task ReadAsync_UrlEncodedForm_IgnoresButtonsAndTokens()
    {
        var body = TestPatients.Form("heart") + "&submit=Predict&__RequestVerificationToken=abc";

        var (batch, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(body, "application/x-www-form-urlencoded"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(233, batch!.Value(0, 4));
    }

    [Fact]
    public async Task ReadAsync_MultipartForm_IsRead()
    {
        var content = new MultipartFormDataContent("boundary42");
        foreach (var (name, value) in TestPatients.Valid["lung"])
        {
            content.Add(new StringContent(value), name);
        }

        var bytes = await content.ReadAsByteArrayAsync();

        var (batch, problem) = await PredictionBody.ReadAsync(Lung.Definition, Request(bytes, "multipart/form-data; boundary=boundary42"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(58, batch!.Value(0, 0));
    }

    [Theory]
    [InlineData("age=63&age=64", "age", "more than once")]
    [InlineData("age=NaN", "age", "finite")]
    [InlineData("age=Infinity", "age", "finite")]
    [InlineData("age=abc", "age", "must be a number")]
    [InlineData("age=", "age", "is required")]
    [InlineData("thal=4", "thal", "must be one of")]
    public async Task ReadAsync_BadFormValue_Is400NamingTheField(string pair, string key, string message)
    {
        var field = pair[..pair.IndexOf('=')];
        var body = string.Join("&", TestPatients.Valid["heart"].Where(f => f.Name != field).Select(f => $"{f.Name}={f.Value}")) + "&" + pair;

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, Request(body, "application/x-www-form-urlencoded"), CancellationToken.None);

        Assert.Equal(400, problem!.StatusCode);
        Assert.Contains(message, problem.Errors![key][0]);
    }

    [Fact]
    public async Task ReadAsync_MalformedMultipart_Is400()
    {
        var request = Request("--nope\r\ngarbage", "multipart/form-data; boundary=boundary42");

        var (_, problem) = await PredictionBody.ReadAsync(Heart.Definition, request, CancellationToken.None);

        Assert.Equal(400, problem!.StatusCode);
    }

    private static string FieldRulesCamel(string name) => HealthOracle.Functions.Predictions.Requests.FieldRules.ToCamelCase(name);

    private static HttpRequest Request(string body, string? contentType = "application/json") => Request(Encoding.UTF8.GetBytes(body), contentType);

    private static HttpRequest Request(byte[] body, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context.Request;
    }
}
