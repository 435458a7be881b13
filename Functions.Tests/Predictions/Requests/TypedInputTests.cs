using System.Text;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Definitions;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Predictions.Requests;

/// <summary>
/// What a person types into a form reaches the model as the value they meant: a decimal comma, a value
/// in another lab unit (with its exact factor), and 0 where 0 means "not measured". Nothing is changed
/// silently: what could be read two ways is refused with a message that says so.
/// </summary>
public sealed class TypedInputTests
{
    [Theory]
    [InlineData("0,9", 0.9)]
    [InlineData("0.9", 0.9)]
    [InlineData(" 1,2 ", 1.2)]
    [InlineData("12,25", 12.25)]
    public async Task Form_DecimalComma_IsADecimal(string typed, double expected)
    {
        var batch = await ReadAsync(Liver.Definition, ("total_bilirubin", typed));

        Assert.Equal(expected, Value(batch, Liver.Definition, "total_bilirubin"));
    }

    [Fact]
    public async Task Form_ThousandsLikeComma_TakesTheOnlyReadingInRange()
    {
        // 1,250 IU/l of ALP: 1.25 is below the range (10 to 3000), 1250 is in it.
        var batch = await ReadAsync(Liver.Definition, ("alkaline_phosphotase", "1,250"));

        Assert.Equal(1250, Value(batch, Liver.Definition, "alkaline_phosphotase"));
    }

    [Fact]
    public async Task Form_ThousandsLikeComma_BothReadingsInRange_IsRefusedWithTheReason()
    {
        // 1,100 IU/l of ALT: both 1.1 and 1100 are in range (1 to 3000). Neither is picked silently.
        var problem = await RefusedAsync(Liver.Definition, ("alamine_aminotransferase", "1,100"));

        Assert.Equal([FieldRules.AmbiguousComma], problem["alamine_aminotransferase"]);
    }

    [Theory]
    [InlineData("0,9,1")]
    [InlineData("1,2.5")]
    [InlineData("9 mg")]
    public async Task Form_NotANumber_IsRefused(string typed)
    {
        var problem = await RefusedAsync(Liver.Definition, ("total_bilirubin", typed));

        Assert.Equal([FieldRules.NotANumber], problem["total_bilirubin"]);
    }

    [Fact]
    public async Task Form_ValueInAnotherUnit_IsConvertedWithTheExactFactor()
    {
        // 15 µmol/l of bilirubin, as most labs outside the US print it; a decimal comma in the other unit too.
        var batch = await ReadAsync(Liver.Definition, ("total_bilirubin", "15"), ("total_bilirubin.unit", "µmol/l"), ("direct_bilirubin", "3,4"), ("direct_bilirubin.unit", "µmol/l"));

        // Converted exactly: 15 × 0.0584673 = 0.8770095 (what the person reads back in µmol/l is then 15).
        Assert.Equal(0.8770095, Value(batch, Liver.Definition, "total_bilirubin"));
        Assert.Equal(0.19878882, Value(batch, Liver.Definition, "direct_bilirubin"));
        Assert.Equal("µmol/l", batch.TypedUnits![Liver.Definition.IndexOf("total_bilirubin")]);
        Assert.Null(batch.TypedUnits[Liver.Definition.IndexOf("albumin")]);
    }

    [Fact]
    public async Task Form_TheFieldsOwnUnit_ChangesNothing()
    {
        var batch = await ReadAsync(Liver.Definition, ("total_bilirubin", "0.9"), ("total_bilirubin.unit", "mg/dl"));

        Assert.Equal(0.9, Value(batch, Liver.Definition, "total_bilirubin"));
        Assert.Null(batch.TypedUnits);
    }

    [Fact]
    public async Task Form_UnknownUnit_IsRefusedNamingTheChoices()
    {
        var problem = await RefusedAsync(Liver.Definition, ("total_bilirubin", "15"), ("total_bilirubin.unit", "mmol/l"));

        Assert.Equal(["unit must be one of: mg/dl, µmol/l, umol/l."], problem["total_bilirubin.unit"]);
    }

    [Fact]
    public async Task Form_AsciiSpellingOfAUnit_IsTheUnit()
    {
        var batch = await ReadAsync(Liver.Definition, ("total_bilirubin", "11.97"), ("total_bilirubin.unit", "umol/l"));

        Assert.Equal(0.699853581, Value(batch, Liver.Definition, "total_bilirubin"));
    }

    [Theory]
    [InlineData("heart", "age", "\"63\"")]
    [InlineData("diabetes", "insulin", "\"94\"")]
    [InlineData("diabetes", "insulin", "\"\"")]
    [InlineData("liver", "total_bilirubin", "\"0.9\"")]
    public async Task Json_NumberSentAsAString_IsRefusedNamingTheField(string disease, string field, string raw)
    {
        var errors = await JsonRefusedAsync(disease, field, raw);

        Assert.Equal([FieldRules.NotAJsonNumber], errors[field]);
    }

    [Theory]
    [InlineData("{\"value\":11.97,\"unit\":\"umol/l\"}", 0.699853581)]
    [InlineData("{\"value\":11.97,\"unit\":\"µmol/l\"}", 0.699853581)]
    [InlineData("{\"value\":15,\"unit\":\"µmol/l\"}", 0.8770095)]
    [InlineData("{\"value\":0.9,\"unit\":\"mg/dl\"}", 0.9)]
    public async Task Json_ValueWithAUnit_IsConvertedExactly_WithoutBinaryNoise(string raw, double expected)
    {
        var json = TestPatients.Json("liver", "total_bilirubin", raw);

        var (batch, problem) = await PredictionBody.ReadAsync(Liver.Definition, Request(Encoding.UTF8.GetBytes(json), "application/json"), CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal(expected, Value(batch!, Liver.Definition, "total_bilirubin"));
    }

    [Theory]
    [InlineData("{\"value\":15,\"unit\":\"mmol/l\"}", "unit must be one of: mg/dl, µmol/l, umol/l.")]
    [InlineData("{\"value\":15,\"unit\":\"UMOL/L\"}", "unit must be one of: mg/dl, µmol/l, umol/l.")]
    [InlineData("{\"value\":1400,\"unit\":\"umol/l\"}", "must be a number from 0.1 to 80 mg/dl (1.72 to 1368 µmol/l).")]
    [InlineData("{\"value\":\"15\",\"unit\":\"umol/l\"}", "value must be a JSON number.")]
    [InlineData("{\"value\":15}", "unit is required: {\"value\": 5.2, \"unit\": \"mg/dl\"}.")]
    [InlineData("{\"value\":15,\"unit\":\"umol/l\",\"note\":1}", "takes only value and unit: {\"value\": 5.2, \"unit\": \"mg/dl\"}.")]
    public async Task Json_ValueWithAUnit_Wrong_IsRefusedSayingWhy(string raw, string message)
    {
        var errors = await JsonRefusedAsync("liver", "total_bilirubin", raw);

        Assert.Equal([message], errors["total_bilirubin"]);
    }

    private static async Task<IDictionary<string, string[]>> JsonRefusedAsync(string disease, string field, string raw)
    {
        var json = TestPatients.Json(disease, field, raw);
        var (batch, problem) = await PredictionBody.ReadAsync(HealthOracle.Diseases.DiseaseCatalog.Get(disease), Request(Encoding.UTF8.GetBytes(json), "application/json"), CancellationToken.None);
        Assert.Null(batch);
        Assert.Equal("InvalidValues", problem!.Code);
        return problem.Errors!;
    }

    [Fact]
    public async Task Form_OutOfRangeInAnotherUnit_SaysTheRangeInThatUnitToo()
    {
        var problem = await RefusedAsync(Liver.Definition, ("total_bilirubin", "1400"), ("total_bilirubin.unit", "µmol/l"));

        Assert.Equal(["must be a number from 0.1 to 80 mg/dl (1.72 to 1368 µmol/l)."], problem["total_bilirubin"]);
    }

    [Theory]
    [InlineData("insulin")]
    [InlineData("skin_thickness")]
    public async Task Form_ZeroWhereZeroMeansNotMeasured_IsNotMeasured(string field)
    {
        var batch = await ReadAsync(Diabetes.Definition, (field, "0"));

        Assert.True(double.IsNaN(Value(batch, Diabetes.Definition, field)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    public async Task Json_ZeroWhereZeroMeansNotMeasured_IsNotMeasured(string raw)
    {
        var json = TestPatients.Json("diabetes", "insulin", raw);

        var (batch, problem) = await PredictionBody.ReadAsync(Diabetes.Definition, Request(Encoding.UTF8.GetBytes(json), "application/json"), CancellationToken.None);

        Assert.Null(problem);
        Assert.True(double.IsNaN(Value(batch!, Diabetes.Definition, "insulin")));
    }

    [Fact]
    public async Task Json_ZeroWhereZeroIsAMeasurement_IsStillCheckedAgainstTheRange()
    {
        var json = TestPatients.Json("diabetes", "glucose", "0");

        var (_, problem) = await PredictionBody.ReadAsync(Diabetes.Definition, Request(Encoding.UTF8.GetBytes(json), "application/json"), CancellationToken.None);

        Assert.Equal(["must be a number from 40 to 400 mg/dl."], problem!.Errors!["glucose"]);
    }

    [Fact]
    public async Task Json_DecimalCommaString_IsRefused_ProgramsSendNumbers()
    {
        var json = TestPatients.Json("liver", "total_bilirubin", "\"0,9\"");

        var (_, problem) = await PredictionBody.ReadAsync(Liver.Definition, Request(Encoding.UTF8.GetBytes(json), "application/json"), CancellationToken.None);

        Assert.Equal([FieldRules.NotAJsonNumber], problem!.Errors!["total_bilirubin"]);
    }

    /// <summary>The disease's valid test patient as a form, with these fields replaced or added.</summary>
    private static string Form(DiseaseDefinition disease, params (string Name, string Value)[] changes)
    {
        var values = TestPatients.Valid[disease.Key].ToDictionary(f => f.Name, f => f.Value);
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }

        return string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
    }

    private static async Task<PatientBatch> ReadAsync(DiseaseDefinition disease, params (string, string)[] changes)
    {
        var (batch, problem) = await PredictionBody.ReadAsync(disease, Request(Encoding.UTF8.GetBytes(Form(disease, changes)), "application/x-www-form-urlencoded"), CancellationToken.None);
        Assert.Null(problem);
        return batch!;
    }

    private static async Task<IDictionary<string, string[]>> RefusedAsync(DiseaseDefinition disease, params (string, string)[] changes)
    {
        var (batch, problem) = await PredictionBody.ReadAsync(disease, Request(Encoding.UTF8.GetBytes(Form(disease, changes)), "application/x-www-form-urlencoded"), CancellationToken.None);
        Assert.Null(batch);
        Assert.Equal(400, problem!.StatusCode);
        return problem.Errors!;
    }

    private static double Value(PatientBatch batch, DiseaseDefinition disease, string field) => batch.Value(0, disease.IndexOf(field));

    private static HttpRequest Request(byte[] body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
