using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatPrivacyTests : IAsyncLifetime
{
    private const string Question = "PRIVATE-QUESTION my chest hurts since Tuesday";
    private const string Earlier = "PRIVATE-HISTORY I take metformin";
    private const string Reply = "PRIVATE-REPLY please call your doctor";

    private GeminiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await GeminiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Run_EveryOutcome_LogsNoChatText()
    {
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:MaxRetries", "0"));
        _standIn.Enqueue(GeminiBehavior.Reply(Reply), GeminiBehavior.Chunks(Reply, Reply), GeminiBehavior.Status(500), GeminiBehavior.SafetyBlocked(),
            GeminiBehavior.Suggestions([.. Enumerable.Repeat(Reply, 10)]));
        var chat = $$"""
            { "message": "{{Question}}", "history": [ { "role": "user", "text": "{{Earlier}}" }, { "role": "model", "text": "{{Reply}}" } ],
              "prediction": { "disease": "heart", "riskPercentage": 77.7, "inputs": { "age": 61 } } }
            """;

        await RunChatAsync(services, chat);
        await RunChatAsync(services, chat, "text/event-stream");
        await RunChatAsync(services, chat);
        await RunChatAsync(services, chat);
        await RunChatAsync(services, $$"""{ "message": "{{Question}}", "history": [ { "role": "system", "text": "{{Earlier}}" } ] }""");
        var suggestions = ActivatorUtilities.CreateInstance<ChatSuggestionsFunction>(services);
        var context = ChatHttp.Post(services, """{ "prediction": { "disease": "heart", "riskPercentage": 77.7, "inputs": { "age": 61 } } }""");
        await ChatHttp.RunAsync(services, context, async () => await suggestions.Run(context.Request, CancellationToken.None));

        var records = services.Logs().GetSnapshot();
        Assert.True(records.Count >= 6, $"expected the calls to be logged, got {records.Count} records");
        Assert.All(records, record =>
        {
            var everything = record.Message + " " + string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []) + " " + record.Exception;
            Assert.DoesNotContain("PRIVATE", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("77.7", everything, StringComparison.Ordinal);
        });
    }

    private static async Task RunChatAsync(ServiceProvider services, string body, string? accept = null)
    {
        var function = ActivatorUtilities.CreateInstance<ChatFunction>(services);
        var context = ChatHttp.Post(services, body, accept);
        await ChatHttp.RunAsync(services, context, async () => await function.Run(context.Request, CancellationToken.None));
    }
}
