using System.Text.Json;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Tests.Explanations;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary>The assistant's prediction context carries the answer's top factors and what-if results, so "why is my risk high?" is answered from them.</summary>
public sealed class ChatExplanationContextTests
{
    [Fact]
    public async Task Instructions_APredictionAnswerAsTheSiteSendsIt_ContextHasTheTopFactorsLargestFirstAndTheWhatIfs()
    {
        using var host = new TestPredictionHost(ExplanationModels.RepositoryStore());
        var answer = (await host.PostJsonAsync("heart", TestPatients.Json("heart"))).Body;
        var request = JsonSerializer.Deserialize($$"""{ "message": "Why is my risk high?", "prediction": {{answer}} }""", ChatJsonContext.Default.ChatRequest)!;

        var instructions = ChatPrompts.Instructions(ChatPrompts.Persona, request.Prediction);

        Assert.Empty(ChatValidator.Validate(request));
        var context = JsonNode.Parse(instructions[instructions.IndexOf("{\"disease\"", StringComparison.Ordinal)..])!;
        var sent = JsonNode.Parse(answer)!;
        var expected = sent["factors"]!.AsArray().Where(f => f!["contribution"]!.GetValue<double>() != 0).Take(ChatPrompts.TopFactors)
            .Select(f => (f!["field"]!.GetValue<string>(), f["contribution"]!.GetValue<double>()));
        var top = context["topFactors"]!.AsArray().Select(f => (f!["field"]!.GetValue<string>(), f["contributionPoints"]!.GetValue<double>()));
        Assert.Equal(expected, top);
        Assert.Equal(sent["baseline"]!.GetValue<double>(), context["baseline"]!.GetValue<double>());
        Assert.Equal("Resting blood pressure", context["whatIf"]!.AsArray()[0]!["label"]!.GetValue<string>());
        Assert.Equal(120, context["whatIf"]!.AsArray()[0]!["healthyTarget"]!.GetValue<double>());
        Assert.Contains("not causes", context["factorsNote"]!.GetValue<string>());
        var chestPain = context["topFactors"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "cp")!;
        Assert.Equal("Typical angina", chestPain["meaning"]!.GetValue<string>());
        Assert.Contains("feature of the sample", chestPain["note"]!.GetValue<string>());
        Assert.Contains("why is my risk high?", ChatPrompts.Persona, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Instructions_APredictionAnswer_ContextGivesTheRangeAndThePopulationAndThePersonaNeverAPercentageWithoutThem()
    {
        using var host = new TestPredictionHost(ExplanationModels.RepositoryStore());
        var answer = (await host.PostJsonAsync("kidney", TestPatients.Json("kidney"))).Body;
        var request = JsonSerializer.Deserialize($$"""{ "message": "What does my result mean?", "prediction": {{answer}} }""", ChatJsonContext.Default.ChatRequest)!;

        var instructions = ChatPrompts.Instructions(ChatPrompts.Persona, request.Prediction);

        Assert.Empty(ChatValidator.Validate(request));
        var context = JsonNode.Parse(instructions[instructions.IndexOf("{\"disease\"", StringComparison.Ordinal)..])!;
        var sent = JsonNode.Parse(answer)!["interval"]!;
        Assert.Equal(sent["lowerPercentage"]!.GetValue<double>(), context["range95"]!["lowerPercentage"]!.GetValue<double>());
        Assert.Equal(sent["upperPercentage"]!.GetValue<double>(), context["range95"]!["upperPercentage"]!.GetValue<double>());
        // The population sentence is the definition's, whatever the caller sent.
        Assert.Equal(HealthOracle.Diseases.DiseaseCatalog.Get("kidney").Population.RelativeTo, context["relativeTo"]!.GetValue<string>());
        Assert.Contains("Never state the estimate's percentage without its 95% range and the population it is relative to", ChatPrompts.Persona, StringComparison.Ordinal);
    }

    [Fact]
    public void Instructions_PredictionWithoutAnInterval_RangeIsNullSoTheAssistantSaysItWasNotGiven()
    {
        var request = JsonSerializer.Deserialize("""{ "message": "Why?", "prediction": { "disease": "heart", "riskPercentage": 40 } }""", ChatJsonContext.Default.ChatRequest)!;

        var context = JsonNode.Parse(ChatPrompts.PredictionJson(request.Prediction!))!.AsObject();

        Assert.True(context.ContainsKey("range95"));
        Assert.Null(context["range95"]);
        Assert.Contains("46%", context["relativeTo"]!.GetValue<string>());
        Assert.Contains("If the context gives no range", ChatPrompts.Persona, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "interval": { "lowerPercentage": 50, "upperPercentage": 40 } }""", "prediction.interval")]
    [InlineData("""{ "interval": { "lowerPercentage": -1, "upperPercentage": 40 } }""", "prediction.interval")]
    [InlineData("""{ "interval": { "upperPercentage": 40 } }""", "prediction.interval")]
    [InlineData("""{ "factors": [ { "field": "age" } ] }""", "prediction.factors")]
    [InlineData("""{ "whatIf": [ { "field": "trestbps", "riskPercentage": 140 } ] }""", "prediction.whatIf")]
    [InlineData("""{ "baseline": -1 }""", "prediction.baseline")]
    public void Validate_ExplanationThatDoesNotFit_NamesTheField(string extra, string key)
    {
        var prediction = JsonNode.Parse("""{ "disease": "heart", "riskPercentage": 40 }""")!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(extra)!.AsObject())
        {
            prediction[name] = value?.DeepClone();
        }

        var request = JsonSerializer.Deserialize($$"""{ "message": "Why?", "prediction": {{prediction.ToJsonString()}} }""", ChatJsonContext.Default.ChatRequest)!;

        Assert.Contains(key, ChatValidator.Validate(request).Keys);
    }

    [Fact]
    public void Instructions_PredictionWithoutFactors_NoExplanationInTheContext()
    {
        var request = JsonSerializer.Deserialize("""{ "message": "Why?", "prediction": { "disease": "heart", "riskPercentage": 40 } }""", ChatJsonContext.Default.ChatRequest)!;

        var instructions = ChatPrompts.Instructions(ChatPrompts.Persona, request.Prediction);

        Assert.DoesNotContain("topFactors", instructions, StringComparison.Ordinal);
        Assert.DoesNotContain(ExplanationTexts.Factors, instructions, StringComparison.Ordinal);
    }
}
