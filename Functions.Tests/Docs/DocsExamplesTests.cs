using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthOracle.Functions.Predictions.WhatIf;
using HealthOracle.Functions.Tests.Explanations;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Docs;

/// <summary>
/// The answers quoted in docs/explanations.md are what the served models answer the definitions' example patients:
/// each block after a <c>&lt;!-- docs-example: … --&gt;</c> marker is written here from a real answer, so a retrained
/// model cannot leave the docs behind. <c>UPDATE_SNAPSHOTS=1</c> rewrites the blocks.
/// </summary>
public sealed partial class DocsExamplesTests : IDisposable
{
    private static readonly string Doc = Path.Combine(RepositoryPaths.Root, "docs", "explanations.md");

    private readonly TestPredictionHost _host = new(ExplanationModels.RepositoryStore(), captureLogs: false);

    [Fact]
    public async Task Explanations_QuotedAnswers_AreTheServedModelsAnswers()
    {
        var text = await File.ReadAllTextAsync(Doc);
        var expected = new StringBuilder();
        var at = 0;
        foreach (Match marker in Marker().Matches(text))
        {
            // The fenced block right after the marker is replaced by the one written from the answer.
            var start = text.IndexOf("```json\n", marker.Index, StringComparison.Ordinal);
            var end = text.IndexOf("```", start + 8, StringComparison.Ordinal) + 3;
            expected.Append(text, at, start - at).Append("```json\n").Append(await BlockAsync(marker.Groups[1].Value, marker.Groups[2].Value)).Append("```");
            at = end;
        }

        expected.Append(text, at, text.Length - at);

        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(Doc, expected.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.True(Marker().Matches(text).Count >= 4, "the docs' example markers are gone");
        Assert.Equal(expected.ToString(), text);
    }

    private async Task<string> BlockAsync(string kind, string disease)
    {
        var patient = TestPatients.Json(disease);
        if (kind == "what-if-endpoint")
        {
            var body = "{\"patient\":" + patient + ",\"changes\":{\"trestbps\":120,\"chol\":190}}";
            var answer = await WhatIfAsync(disease, body);
            return $$"""
                { "disease": "{{disease}}",
                  "before": {{Estimate(answer["before"]!)}},
                  "after":  {{Estimate(answer["after"]!)}},
                  "difference": {{Number(answer["difference"]!)}},
                  "changes": [ {{Compact(answer["changes"]![0]!)}}, … ],
                  "model": { …, "population": { … } }, "note": "A what-if is …", "disclaimer": "…" }

                """;
        }

        var json = JsonNode.Parse((await _host.PostJsonAsync(disease, patient)).Body)!;
        return kind switch
        {
            "population" => "\"population\": " + Compact(json["model"]!["population"]!, shorten: 90) + "\n",
            "factors" => Factors(json),
            _ => "\"whatIf\": [\n" + string.Join(",\n", json["whatIf"]!.AsArray().Take(1).Select(w => "  " + Compact(w!))) + ",\n  …\n],\n" +
                "\"whatIfNote\": " + Quote(Shorten(json["whatIfNote"]!.GetValue<string>(), 100)) + "\n",
        };
    }

    private static string Factors(JsonNode answer)
    {
        var factors = answer["factors"]!.AsArray();
        return "\"baseline\": " + Number(answer["baseline"]!) + ",\n\"factors\": [\n" +
            string.Join(",\n", factors.Take(2).Select(f => "  " + Compact(f!))) + ",\n  …\n  " + Compact(factors[^1]!) + "\n],\n" +
            "\"factorsNote\": " + Quote(Shorten(answer["factorsNote"]!.GetValue<string>(), 100)) + "\n";
    }

    private static string Estimate(JsonNode estimate) =>
        $"{{ \"probability\": {Number(estimate["probability"]!)}, \"riskPercentage\": {Number(estimate["riskPercentage"]!)}, \"category\": \"{estimate["category"]}\", \"inputs\": {{ … }} }}";

    /// <summary>One object on one line, its long strings shortened with "…", a factor's note left out.</summary>
    private static string Compact(JsonNode node, int shorten = int.MaxValue) =>
        "{ " + string.Join(", ", node.AsObject().Where(p => p.Key != "note").Select(p => $"\"{p.Key}\": {Value(p.Value, shorten)}")) + " }";

    private static string Value(JsonNode? value, int shorten) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(Shorten(s, shorten)),
        JsonValue v => Number(v),
        _ => value.ToJsonString(),
    };

    private static string Number(JsonNode value) => value.ToJsonString();

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..text.LastIndexOf(' ', length)] + " …";

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<JsonNode> WhatIfAsync(string disease, string body)
    {
        var context = new DefaultHttpContext { RequestServices = _host.Services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Response.Body = new MemoryStream();
        var result = await ActivatorUtilities.CreateInstance<WhatIfFunction>(_host.Services).Run(context.Request, disease, CancellationToken.None);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return JsonNode.Parse(context.Response.Body)!;
    }

    public void Dispose() => _host.Dispose();

    [GeneratedRegex(@"<!-- docs-example: ([a-z-]+) ([a-z]+)")]
    private static partial Regex Marker();
}
