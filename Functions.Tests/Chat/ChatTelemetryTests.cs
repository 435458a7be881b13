using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Tests.Infrastructure.Telemetry;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary><c>healthoracle.chat.requests</c>, <c>.chat.tokens</c> and <c>.ratelimit.rejections</c> through the real chat function and a real HTTP stand-in for Gemini.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class ChatTelemetryTests : IAsyncLifetime
{
    private GeminiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await GeminiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Run_Answered_CountsTheRequestAndItsTokens()
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.Reply("Walk daily."));

        var answer = await RunAsync(services, """{ "message": "Does walking help?" }""");

        Assert.Equal(200, answer.Status);
        Assert.Equal([("answered", 1.0)], Outcomes(capture));
        var tokens = capture.Points("healthoracle.chat.tokens").ToDictionary(p => p["type"]!, p => p.Value);
        Assert.Equal(new Dictionary<string, double> { ["input"] = 120, ["output"] = 48 }, tokens);
    }

    [Fact]
    public async Task Run_Streamed_CountsTheRequestAndItsTokensOnceTheStreamEnds()
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.ForGeminiApi(_standIn);
        _standIn.Enqueue(GeminiBehavior.Chunks("Walk ", "daily."));

        var answer = await RunAsync(services, """{ "message": "Does walking help?" }""", accept: "text/event-stream");

        Assert.Equal(200, answer.Status);
        Assert.Equal([("answered", 1.0)], Outcomes(capture));
        Assert.Equal(168, capture.Points("healthoracle.chat.tokens").Sum(p => p.Value));
    }

    [Theory]
    [InlineData(500, "upstream_error")]
    [InlineData(400, "upstream_error")]
    public async Task Run_GeminiFails_CountsAnOutcomeStartingWithUpstream(int status, string outcome)
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:MaxRetries", "0"));
        _standIn.Enqueue(GeminiBehavior.Status(status));

        var answer = await RunAsync(services, """{ "message": "Hello?" }""");

        Assert.Equal(502, answer.Status);
        Assert.Equal([(outcome, 1.0)], Outcomes(capture));
        Assert.StartsWith("upstream", outcome, StringComparison.Ordinal);
        Assert.Empty(capture.Points("healthoracle.chat.tokens"));
    }

    [Fact]
    public async Task Run_GeminiTooSlow_CountsUpstreamTimeout()
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Gemini:TimeoutSeconds", "1"));
        _standIn.Enqueue(GeminiBehavior.Slow(TimeSpan.FromSeconds(10)));

        var answer = await RunAsync(services, """{ "message": "Hello?" }""");

        Assert.Equal(504, answer.Status);
        Assert.Equal([("upstream_timeout", 1.0)], Outcomes(capture));
    }

    [Fact]
    public async Task Run_InvalidThenRateLimited_CountsEachBeforeGemini()
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.ForGeminiApi(_standIn, ("Chat:RateLimit:PermitsPerMinute", "1"));

        var invalid = await RunAsync(services, """{ "message": "" }""");
        var limited = await RunAsync(services, """{ "message": "Hello?" }""");

        Assert.Equal((400, 429), (invalid.Status, limited.Status));
        Assert.Equal([("rate_limited", 1.0), ("refused", 1.0)], Outcomes(capture));
        var rejection = Assert.Single(capture.Points("healthoracle.ratelimit.rejections"));
        Assert.Equal(("chat", 1.0), (rejection["limit"], rejection.Value));
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task Run_NotConfigured_CountsNotConfigured()
    {
        using var capture = new TelemetryCapture();
        using var services = ChatTestServices.Create(new Dictionary<string, string?>());

        var answer = await RunAsync(services, """{ "message": "Hello?" }""");

        Assert.Equal(503, answer.Status);
        Assert.Equal([("not_configured", 1.0)], Outcomes(capture));
    }

    private static List<(string, double)> Outcomes(TelemetryCapture capture) =>
        [.. capture.Points("healthoracle.chat.requests").Select(p => (p["outcome"]!, p.Value)).OrderBy(p => p.Item1, StringComparer.Ordinal)];

    private static async Task<ChatHttpAnswer> RunAsync(ServiceProvider services, string body, string? accept = null)
    {
        var function = ActivatorUtilities.CreateInstance<ChatFunction>(services);
        var context = ChatHttp.Post(services, body, accept);
        return await ChatHttp.RunAsync(services, context, async () => await function.Run(context.Request, CancellationToken.None));
    }
}
