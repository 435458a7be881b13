using System.Text.Json.Nodes;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatSuggestionsFunctionTests : IAsyncLifetime
{
    private const string Body = """
        { "prediction": { "disease": "diabetes", "riskPercentage": 42.5, "category": "Moderate",
          "inputs": { "glucose": 148, "bmi": 33.6, "age": 50 }, "model": { "name": "diabetes-risk", "version": "2026.11.1" } } }
        """;

    private GeminiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await GeminiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Run_Prediction_ReturnsSuggestionsAskedForWithResponseSchema()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.Suggestions(12));

        var answer = await RunAsync(services, Body);

        Assert.Equal(200, answer.Status);
        var suggestions = answer.Json!["suggestions"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(12, suggestions.Count);
        Assert.Equal("Suggestion 1: talk to your doctor about **screening**.", suggestions[0]);
        var request = Assert.Single(_standIn.Requests);
        Assert.Empty(request.Violations);
        Assert.Equal(["user"], request.Roles);
        Assert.Equal("application/json", request.GenerationConfig!["responseMimeType"]!.GetValue<string>());
        var schema = request.GenerationConfig["responseSchema"]!;
        Assert.Equal("OBJECT", schema["type"]!.GetValue<string>());
        Assert.Equal("ARRAY", schema["properties"]!["suggestions"]!["type"]!.GetValue<string>());
        Assert.Equal(10, schema["properties"]!["suggestions"]!["minItems"]!.GetValue<int>());
        Assert.Equal(15, schema["properties"]!["suggestions"]!["maxItems"]!.GetValue<int>());
        Assert.Contains(ChatPrompts.SuggestionsTask, request.SystemInstruction, StringComparison.Ordinal);
        Assert.Contains("\"disease\":\"diabetes\"", request.SystemInstruction, StringComparison.Ordinal);
        Assert.Contains("\"riskPercentage\":42.5", request.SystemInstruction, StringComparison.Ordinal);
        Assert.Equal(4, request.SafetySettings.Count);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    public async Task Run_WrongCount_Returns502(int count)
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.Suggestions(count));

        var answer = await RunAsync(services, Body);

        Assert.Equal(502, answer.Status);
        Assert.Equal("SuggestionsUnusable", answer.Json!["code"]!.GetValue<string>());
        Assert.Contains($"{count} suggestions", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- Eat well\n- Sleep")]
    [InlineData("{\"suggestions\": \"eat well\"}")]
    [InlineData("{\"suggestions\": [\"\", \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\"]}")]
    public async Task Run_MalformedSuggestions_Returns502(string text)
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.Reply(text));

        var answer = await RunAsync(services, Body);

        Assert.Equal(502, answer.Status);
        Assert.Equal("Gemini's suggestions could not be used.", answer.Json!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_SafetyBlocked_Returns502()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.SafetyBlocked());

        var answer = await RunAsync(services, Body);

        Assert.Equal(502, answer.Status);
        Assert.Contains("SAFETY", answer.Json!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "prediction")]
    [InlineData("""{ "prediction": { "disease": "heart" } }""", "prediction.riskPercentage")]
    [InlineData("""{ "prediction": { "disease": "heart", "riskPercentage": 50, "category": "Severe" } }""", "prediction.category")]
    [InlineData("""{ "prediction": { "disease": "heart", "riskPercentage": 50, "inputs": { "age": [1, 2] } } }""", "prediction.inputs")]
    public async Task Run_InvalidPrediction_Returns400(string body, string field)
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn);

        var answer = await RunAsync(services, body);

        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json!["errors"]![field]);
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task Run_NotConfigured_Returns503()
    {
        using var services = ChatTestServices.Create(new Dictionary<string, string?>());

        var answer = await RunAsync(services, Body);

        Assert.Equal(503, answer.Status);
        Assert.Equal("ChatNotConfigured", answer.Json!["code"]!.GetValue<string>());
    }

    private static async Task<ChatHttpAnswer> RunAsync(ServiceProvider services, string body)
    {
        var function = ActivatorUtilities.CreateInstance<ChatSuggestionsFunction>(services);
        var context = ChatHttp.Post(services, body);
        return await ChatHttp.RunAsync(services, context, async () => await function.Run(context.Request, CancellationToken.None));
    }
}
