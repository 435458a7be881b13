using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Tests.Explanations;
using HealthOracle.Functions.Tests.OpenApi;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>
/// From api-version 2026-12-07 a prediction leaves the texts every answer of its disease shares to the disease's
/// description (<c>GET /predict/{disease}</c>). Nothing is lost: the lean answer and the description together give back,
/// value for value, the answer of 2026-12-01, which a call without <c>api-version</c> still gets; and no shared text is
/// left in the lean answer.
/// </summary>
public sealed class LeanAnswerTests
{
    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Theory]
    [MemberData(nameof(Diseases))]
    public async Task LeanAnswer_WithTheDescription_IsTheWholeAnswer(string disease)
    {
        using var host = new TestPredictionHost(ExplanationModels.RepositoryStore());
        var patient = Encoding.UTF8.GetBytes(TestPatients.Json(disease));
        var unversioned = await host.SendAsync("POST", disease, patient, "application/json");
        var whole = await host.SendAsync("POST", disease, patient, "application/json", apiVersion: ApiVersions.First);
        var lean = await host.SendAsync("POST", disease, patient, "application/json", apiVersion: ApiVersions.Current);
        var description = JsonNode.Parse((await host.SendAsync("GET", disease, null, null)).Body)!.AsObject();

        Assert.Equal((200, 200, 200), (unversioned.Status, whole.Status, lean.Status));
        Assert.Equal(whole.Body, unversioned.Body);
        var leanAnswer = JsonNode.Parse(lean.Body)!.AsObject();
        Assert.Equal($"/predict/{disease}", leanAnswer["texts"]!.GetValue<string>());
        var rebuilt = Rebuild(leanAnswer, description);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(whole.Body), rebuilt), $"Rebuilt:\n{rebuilt.ToJsonString()}\nWhole:\n{whole.Body}");

        var shared = SharedTexts(description).ToArray();
        Assert.NotEmpty(shared);
        Assert.All(shared, text => Assert.DoesNotContain(JsonValue.Create(text).ToJsonString()[1..^1], lean.Body, StringComparison.Ordinal));
        Assert.True(lean.Body.Length * 2 < whole.Body.Length, $"{disease}: lean {lean.Body.Length} B against {whole.Body.Length} B");
    }

    [Fact]
    public async Task Batch_IsLeanFromTheNewVersion_AndWholeWithout()
    {
        using var host = new TestPredictionHost(ExplanationModels.RepositoryStore());
        var services = host.Services;
        var function = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<HealthOracle.Functions.Predictions.Batch.BatchPredictionFunction>(services);
        var body = $"{{\"patients\":{TestPatients.Array("heart", 2)}}}";

        var whole = await BatchAsync(function, services, body, null);
        var lean = await BatchAsync(function, services, body, ApiVersions.Current);

        Assert.Equal(2, whole["results"]!.AsArray().Count);
        Assert.All(whole["results"]!.AsArray(), r => Assert.NotNull(r!["advice"]));
        Assert.All(lean["results"]!.AsArray(), r => Assert.Null(r!["advice"]));
        Assert.All(lean["results"]!.AsArray(), r => Assert.Equal("/predict/heart", r!["texts"]!.GetValue<string>()));
        Assert.Equal(
            whole["results"]!.AsArray().Select(r => r!["riskPercentage"]!.GetValue<double>()),
            lean["results"]!.AsArray().Select(r => r!["riskPercentage"]!.GetValue<double>()));
    }

    [Fact]
    public void EachVersion_HasItsDocument_DescribingItsOwnAnswers()
    {
        using var services = TestApiDocument.Services();
        var provider = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<HealthOracle.Functions.OpenApi.ApiDocumentProvider>(services);
        var first = provider.For(ApiVersions.First).Root;
        var current = provider.For(ApiVersions.Current).Root;

        Assert.Equal(ApiVersions.First, first["info"]!["version"]!.GetValue<string>());
        Assert.Equal(ApiVersions.Current, current["info"]!["version"]!.GetValue<string>());
        Assert.Same(provider.Document, provider.For(ApiVersions.Current));
        Assert.NotEqual(provider.For(ApiVersions.First).Fingerprint, provider.For(ApiVersions.Current).Fingerprint);
        Assert.Equal("#/components/schemas/PredictionResult", Answer(first, "/predict/heart"));
        Assert.Equal("#/components/schemas/BatchPredictionResponse", Answer(first, "/predict/heart/batch"));
        Assert.Equal("#/components/schemas/LeanPredictionResult", Answer(current, "/predict/heart"));
        Assert.Equal("#/components/schemas/LeanBatchResponse", Answer(current, "/predict/heart/batch"));
        Assert.Null(first["components"]!["schemas"]!["LeanPredictionResult"]);

        static string Answer(JsonObject document, string path) =>
            document["paths"]![path]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
    }

    /// <summary>The 2026-12-01 answer from the lean one and the description, as a caller would put it together.</summary>
    private static JsonNode Rebuild(JsonObject lean, JsonObject description)
    {
        var answer = lean.DeepClone().AsObject();
        var texts = description["texts"]!;
        var fields = description["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);
        answer.Remove("texts");
        answer["advice"] = texts["advice"]![answer["category"]!.GetValue<string>()]!.DeepClone();
        answer["disclaimer"] = texts["disclaimer"]!.DeepClone();
        var model = answer["model"]!.AsObject();
        model["notice"] = description["notice"]?.DeepClone();
        if (model["population"] is JsonObject population)
        {
            population["description"] = description["population"]!["description"]!.DeepClone();
            population["relativeTo"] = description["population"]!["relativeTo"]!.DeepClone();
            population["prevalenceSource"] = description["population"]!["prevalenceSource"]?.DeepClone();
        }

        foreach (var factor in answer["factors"]?.AsArray() ?? [])
        {
            var field = fields[factor!["field"]!.GetValue<string>()];
            factor["label"] = field["label"]!.DeepClone();
            if (field["factorNote"] is { } note)
            {
                factor["note"] = note.DeepClone();
            }
        }

        if (answer["factors"] is not null)
        {
            answer["factorsNote"] = texts["factors"]!.DeepClone();
        }

        if (answer["whatIf"] is JsonArray whatIf)
        {
            foreach (var line in whatIf)
            {
                line!["label"] = fields[line["field"]!.GetValue<string>()]["label"]!.DeepClone();
            }

            answer["whatIfNote"] = texts["whatIf"]!.DeepClone();
        }

        if (answer["healthy"] is JsonObject healthy)
        {
            foreach (var change in healthy["changed"]!.AsArray())
            {
                change!["label"] = fields[change["field"]!.GetValue<string>()]["label"]!.DeepClone();
            }

            healthy["note"] = texts["healthy"]!.DeepClone();
        }

        return answer;
    }

    private static IEnumerable<string> SharedTexts(JsonObject description)
    {
        var texts = description["texts"]!;
        foreach (var advice in texts["advice"]!.AsObject())
        {
            foreach (var line in advice.Value!.AsArray())
            {
                yield return line!.GetValue<string>();
            }
        }

        foreach (var name in new[] { "disclaimer", "factors", "whatIf", "healthy" })
        {
            yield return texts[name]!.GetValue<string>();
        }

        yield return description["population"]!["description"]!.GetValue<string>();
        yield return description["population"]!["relativeTo"]!.GetValue<string>();
        foreach (var field in description["fields"]!.AsArray())
        {
            if (field!["factorNote"] is { } note)
            {
                yield return note.GetValue<string>();
            }
        }
    }

    private static async Task<JsonObject> BatchAsync(HealthOracle.Functions.Predictions.Batch.BatchPredictionFunction function, IServiceProvider services, string body, string? apiVersion)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services };
        if (apiVersion is not null)
        {
            context.Features.Set(new RequestedApiVersion(apiVersion));
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        var response = new MemoryStream();
        context.Response.Body = response;
        var result = await function.Run(context.Request, "heart", CancellationToken.None);
        await ((Microsoft.AspNetCore.Http.IResult)result.Result).ExecuteAsync(context);
        Assert.Equal(200, context.Response.StatusCode);
        return JsonNode.Parse(response.ToArray())!.AsObject();
    }
}
