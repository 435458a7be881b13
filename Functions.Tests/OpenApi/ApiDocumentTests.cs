using System.Text.Json.Nodes;
using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Functions.OpenApi;
using HealthOracle.Functions.Predictions.Functions;
using HealthOracle.Functions.Predictions.Requests;

namespace HealthOracle.Functions.Tests.OpenApi;

/// <summary>
/// The document as the app builds it: every public route is in it, each disease's patient is its
/// definition (ranges, codes, units, what may be omitted), every error is a problem with
/// <c>Retry-After</c> where waiting helps, and each disease has a worked example. The outside tools
/// (Redocly, Prism, Kiota) check the served document in <c>ContractToolsTests</c>.
/// </summary>
public sealed class ApiDocumentTests
{
    private static JsonObject Document => TestApiDocument.Current.Root;

    private static JsonObject Schemas => Document["components"]!["schemas"]!.AsObject();

    public static TheoryData<string> Diseases => new(DiseaseCatalog.Keys);

    [Fact]
    public void Document_IsOpenApi31_ServedUnderTheRoutePrefix()
    {
        Assert.Equal("3.1.0", Document["openapi"]!.GetValue<string>());
        Assert.Equal("/api", Document["servers"]![0]!["url"]!.GetValue<string>());
        Assert.Equal(TestApiDocument.Current.Fingerprint, Document["info"]!["x-fingerprint"]!.GetValue<string>());
        Assert.Equal(HealthOracle.Functions.Infrastructure.Versioning.ApiVersions.Current, Document["info"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public void EveryPublicRoute_AndOnlyThose_IsDescribed()
    {
        var described = Document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Method: m.Key.ToUpperInvariant(), Path: p.Key)))
            .ToArray();
        // The pages the site's forms post to (/api/pages/…) answer HTML: not part of the JSON contract.
        var routes = HttpFunctions.All.Where(f => f.IsPublic && !f.Route.StartsWith("pages/", StringComparison.Ordinal)).SelectMany(f => f.Methods.Select(m => (Method: m, Function: f))).ToArray();

        foreach (var (method, function) in routes)
        {
            Assert.True(described.Any(d => d.Method == method && function.Matches(d.Path)), $"{method} {function.Path} ({function.Name}) is not in the document.");
        }

        foreach (var (method, path) in described)
        {
            Assert.True(routes.Any(r => r.Method == method && r.Function.Matches(path)), $"{method} {path} is described but no public function serves it.");
        }

        Assert.DoesNotContain(described, d => d.Path.Contains("/models/refresh", StringComparison.Ordinal));
        Assert.DoesNotContain(described, d => d.Path.StartsWith("/pages/", StringComparison.Ordinal));
        Assert.Contains(HttpFunctions.All, f => f.Route.StartsWith("pages/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void WhatIf_IsDescribedPerDisease_WithItsPatient(string key)
    {
        var name = PredictionFunctionName.For(key)[..^"Prediction".Length];
        var post = Document["paths"]![$"/predict/{key}/what-if"]!["post"]!;
        Assert.Equal($"#/components/schemas/{name}WhatIf", post["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal($"#/components/schemas/{name}Patient", Schemas[$"{name}WhatIf"]!["properties"]!["patient"]!["$ref"]!.GetValue<string>());
        Assert.True(post["responses"]!["503"]!["headers"]!["Retry-After"]!["required"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_IsDeterministic_AndTheFingerprintFollowsTheContent()
    {
        var again = TestApiDocument.Build();
        Assert.Equal(TestApiDocument.Current.Utf8, again.Utf8);

        var otherRetry = TestApiDocument.Build(new() { ["ModelStorage:RetryAfterSeconds"] = "17" });
        Assert.NotEqual(TestApiDocument.Current.Fingerprint, otherRetry.Fingerprint);
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Patient_IsTheDiseaseDefinition(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var name = PredictionFunctionName.For(key)[..^"Prediction".Length];
        var patient = Schemas[$"{name}Patient"]!.AsObject();

        Assert.False(patient["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(disease.Fields.Where(f => f.Required).Select(f => f.Name), patient["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var properties = patient["properties"]!.AsObject();
        Assert.Equal(disease.Fields.Select(f => f.Name), properties.Select(p => p.Key));
        foreach (var field in disease.Fields)
        {
            var declared = properties[field.Name]!.AsObject();
            var type = field.Kind == FieldKind.Number ? "number" : "integer";
            // A field with other units: a number in its own unit, or {value, unit} (each unit with its range), or null.
            var withUnits = field.AlternativeUnits.Count > 0 && field.Kind != FieldKind.Code;
            var schema = withUnits ? declared["anyOf"]![0]!.AsObject() : declared;
            if (withUnits)
            {
                Assert.Equal(field.Required ? 2 : 3, declared["anyOf"]!.AsArray().Count);
                var units = declared["anyOf"]![1]!["properties"]!["unit"]!["enum"]!.AsArray().Select(u => u!.GetValue<string>()).ToList();
                Assert.Contains(field.Unit!, units);
                Assert.All(field.AlternativeUnits, u => Assert.Contains(u.Unit.Replace('µ', 'u'), units));
                Assert.Equal(type, schema["type"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal(field.Required ? type : $"[\"{type}\",\"null\"]", field.Required ? schema["type"]!.GetValue<string>() : schema["type"]!.ToJsonString());
            }

            if (field.Kind == FieldKind.Code)
            {
                var codes = schema["enum"]!.AsArray().Where(c => c is not null).Select(c => c!.GetValue<int>());
                Assert.Equal(field.Codes!.Select(c => c.Value), codes);
                foreach (var code in field.Codes!)
                {
                    Assert.Contains($"{code.Value} = {code.Label}", schema["description"]!.GetValue<string>(), StringComparison.Ordinal);
                }
            }
            else
            {
                var bounds = field.ZeroMeansNotMeasured ? schema["anyOf"]![0]! : schema;
                Assert.Equal(field.Min, bounds["minimum"]!.GetValue<double>());
                Assert.Equal(field.Max, bounds["maximum"]!.GetValue<double>());
                Assert.Equal(field.Unit is { Length: > 0 } ? field.Unit : null, declared["x-unit"]?.GetValue<string>());
                foreach (var unit in field.AlternativeUnits)
                {
                    Assert.Contains(unit.Unit, declared["description"]!.GetValue<string>(), StringComparison.Ordinal);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void PatientForm_NamesTheAlternativeUnits(string key)
    {
        var disease = DiseaseCatalog.Get(key);
        var name = PredictionFunctionName.For(key)[..^"Prediction".Length];
        var form = Schemas[$"{name}PatientForm"]!["properties"]!.AsObject();
        foreach (var field in disease.Fields.Where(f => f.AlternativeUnits.Count > 0))
        {
            var units = form[field.Name + ".unit"]!["enum"]!.AsArray().Select(u => u!.GetValue<string>());
            Assert.Equal(field.AlternativeUnits.Select(u => u.Unit).Prepend(field.Unit!).SelectMany(FieldRules.Spellings), units);
        }
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Prediction_HasItsErrors_AndAWorkedExample(string key)
    {
        var post = Document["paths"]![$"/predict/{key}"]!["post"]!.AsObject();
        var responses = post["responses"]!.AsObject();
        foreach (var status in new[] { "200", "400", "413", "415", "429", "500", "503" })
        {
            Assert.True(responses.ContainsKey(status), $"POST /predict/{key} does not describe {status}.");
        }

        Assert.True(responses["503"]!["headers"]!["Retry-After"]!["required"]!.GetValue<bool>());
        var requestExamples = post["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        var answerExamples = responses["200"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.Equal(["one"], requestExamples.Select(e => e.Key));
        Assert.Equal(["one"], answerExamples.Select(e => e.Key));
        Assert.Equal(key, answerExamples["one"]!["value"]!["disease"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/LeanPredictionResult", responses["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Diseases))]
    public void Batch_IsItsOwnOperation_WrappedBothWays(string key)
    {
        var post = Document["paths"]![$"/predict/{key}/batch"]!["post"]!.AsObject();
        var request = post["requestBody"]!["content"]!["application/json"]!.AsObject();
        var answer = post["responses"]!["200"]!["content"]!["application/json"]!.AsObject();

        var name = Schemas.Single(s => s.Key.EndsWith("Batch", StringComparison.Ordinal) && Ref(request["schema"]!) == $"#/components/schemas/{s.Key}").Value!;
        Assert.Equal(["patients"], name["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(name["additionalProperties"]!.GetValue<bool>());
        Assert.Equal(1000, name["properties"]!["patients"]!["maxItems"]!.GetValue<int>());
        Assert.Equal("#/components/schemas/LeanBatchResponse", Ref(answer["schema"]!));
        Assert.Equal(2, answer["examples"]!["batch"]!["value"]!["results"]!.AsArray().Count);
        Assert.Equal(2, request["examples"]!["batch"]!["value"]!["patients"]!.AsArray().Count);

        static string Ref(JsonNode schema) => schema["$ref"]!.GetValue<string>();
    }

    [Fact]
    public void EveryAnswer_IsNeverHtml_CarriesTheRequestIds_AndTheApiVersionIsDeclared()
    {
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                var version = Assert.Single(operation!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "api-version" && p["in"]!.GetValue<string>() == "query");

                // Required exactly where a call without it gets what the document does not describe (a disease's predictions are
                // answered as 2026-12-01 without it, and its single operation still takes the deprecated array): what the
                // document allows is then all such a call can get.
                var prediction = method == "post" && DiseaseCatalog.Keys.Any(k => path == $"/predict/{k}" || path == $"/predict/{k}/batch");
                Assert.True(version!["required"]!.GetValue<bool>() == prediction, $"{where}: api-version required should be {prediction}");
                Assert.Equal([Document["info"]!["version"]!.GetValue<string>()], version["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    Assert.Equal("#/components/headers/RequestId", response!["headers"]!["x-request-id"]!["$ref"]!.GetValue<string>());
                    Assert.NotNull(response["headers"]!["traceresponse"]);
                    if (response["content"] is JsonObject content)
                    {
                        Assert.DoesNotContain("text/html", content.Select(c => c.Key));
                        // One schema per error: a problem, or the FHIR operation's own OperationOutcome (issue 27: FHIR callers
                        // read FHIR; the gateway's refusals in front of it stay problems).
                        var media = content.Select(c => c.Key).ToList();
                        Assert.True(status[0] is not ('4' or '5') || media is ["application/problem+json"] || (path.StartsWith("/fhir/", StringComparison.Ordinal) && media is ["application/fhir+json"]),
                            $"{where} {status} is not one error schema ({string.Join(", ", media)}).");
                    }
                }
            }
        }

        Assert.Equal(
            HealthOracle.Functions.Infrastructure.ProblemTypes.All.Select(t => t.Code),
            Schemas["Problem"]!["properties"]!["code"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void PredictionAndWhatIf_DescribeTheIntervalOfEachEstimate()
    {
        var interval = Schemas["RiskInterval"]!.AsObject();

        Assert.Equal(["level", "lower", "upper", "lowerPercentage", "upperPercentage"], interval["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("#/components/schemas/RiskInterval", Reference(Schemas["LeanPredictionResult"]!["properties"]!["interval"]!));
        Assert.Equal("#/components/schemas/RiskInterval", Reference(Schemas["WhatIfEstimate"]!["properties"]!["interval"]!));
        // Older models answer without one: the property is optional.
        Assert.DoesNotContain("interval", Schemas["LeanPredictionResult"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["lowerPercentage", "upperPercentage"], Schemas["IntervalContext"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()));

        static string Reference(JsonNode property) =>
            (property["$ref"] ?? property["anyOf"]!.AsArray().First(a => a!["$ref"] is not null)!["$ref"])!.GetValue<string>();
    }

    [Fact]
    public void EveryError_IsAProblem_AndEvery429And503_SaysWhenToRetry()
    {
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    var where = $"{method.ToUpperInvariant()} {path} {status}";
                    if (status[0] is '4' or '5')
                    {
                        // The FHIR operation answers its errors as FHIR does: an OperationOutcome (docs/fhir.md).
                        var fhir = path.StartsWith("/fhir/", StringComparison.Ordinal) && response!["content"]?["application/fhir+json"] is not null;
                        Assert.True(fhir || response!["content"]?[ProblemSchemasMediaType] is not null, $"{where} is not application/problem+json.");
                    }

                    if (status is "429" or "503")
                    {
                        Assert.True(response!["headers"]?["Retry-After"] is not null, $"{where} has no Retry-After.");
                    }
                }
            }
        }
    }

    [Fact]
    public void Chat_IsBoundedAsTheValidatorIs()
    {
        var request = Schemas["ChatRequest"]!.AsObject();
        Assert.Contains("message", request["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(HealthOracle.Functions.Chat.ChatLimits.MaxMessageChars, request["properties"]!["message"]!["maxLength"]!.GetValue<int>());
        Assert.NotNull(Document["paths"]!["/chat/suggestions"]!["post"]);
    }

    private const string ProblemSchemasMediaType = "application/problem+json";
}
