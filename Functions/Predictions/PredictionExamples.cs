using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthOracle.Functions.Predictions;

/// <summary>
/// A disease's recorded example for the API reference (<c>Examples/{disease}.json</c>, embedded): a valid
/// patient and a batch of two, and what the served model answered to each. The test
/// <c>PredictionExamplesTests</c> posts them to the app and fails when the answers differ; it rewrites
/// them with <c>UPDATE_SNAPSHOTS=1</c> (a new disease, a retrained model).
/// </summary>
internal sealed record PredictionExamples(JsonObject Patient, JsonObject Answer, JsonArray Batch, JsonArray BatchAnswer)
{
    public const string Folder = "Examples";

    public static string ResourceName(string disease) => $"{typeof(PredictionExamples).Namespace}.{Folder}.{disease}.json";

    /// <summary>The disease's examples, or null when none has been recorded yet.</summary>
    public static PredictionExamples? For(string disease)
    {
        using var stream = typeof(PredictionExamples).Assembly.GetManifestResourceStream(ResourceName(disease));
        if (stream is null)
        {
            return null;
        }

        var root = JsonNode.Parse(stream)!.AsObject();
        return new PredictionExamples(
            root["patient"]!.AsObject(), root["answer"]!.AsObject(), root["batch"]!.AsArray(), root["batchAnswer"]!.AsArray());
    }

    /// <summary>The same examples as answered from api-version 2026-12-07, without the texts (<see cref="LeanPredictionResult"/>).</summary>
    public PredictionExamples Lean(string texts) => this with
    {
        Answer = LeanOf(Answer, texts).AsObject(),
        BatchAnswer = new JsonArray([.. BatchAnswer.Select(answer => LeanOf(answer!.AsObject(), texts))]),
    };

    private static JsonNode LeanOf(JsonObject answer, string texts) => JsonSerializer.SerializeToNode(
        LeanPredictionResult.Of(answer.Deserialize(PredictionJsonContext.Default.PredictionResult)!, texts), PredictionJsonContext.Default.LeanPredictionResult)!;
}
