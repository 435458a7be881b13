using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.Chat.Federation;

/// <summary>
/// The published worker under DevHost with only the managed-identity settings (no API key, no key file): the
/// platform's <c>IDENTITY_ENDPOINT</c> / <c>IDENTITY_HEADER</c> point at the stand-in, as Flex Consumption sets them.
/// </summary>
public sealed class FederatedChatFixture : IAsyncLifetime
{
    public GeminiStandIn Gemini { get; private set; } = null!;

    public WorkloadIdentityStandIn Identity { get; private set; } = null!;

    public DevHostServer Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gemini = await GeminiStandIn.StartAsync();
        Identity = await WorkloadIdentityStandIn.StartAsync();
        Gemini.VertexAuthorization = Identity.VertexAuthorization;
        var settings = Identity.Settings(Gemini, "__");
        settings["IDENTITY_ENDPOINT"] = Identity.IdentityEndpoint;
        settings["IDENTITY_HEADER"] = Identity.IdentityHeader;
        settings["Chat__RateLimit__PermitsPerMinute"] = "1000";
        Host = new DevHostServer(settings);
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Identity.DisposeAsync();
        await Gemini.DisposeAsync();
    }
}

[Trait("Category", "EndToEnd")]
public sealed class FederatedChatEndToEndTests(FederatedChatFixture fixture) : IClassFixture<FederatedChatFixture>
{
    [Fact]
    public async Task ChatJsonAndStreamed_OnlyIdentitySettings_AnswerThroughVertexWithOneExchange()
    {
        using var client = fixture.Host.CreateClient();

        using var json = await client.SendAsync(Post("""{ "message": "How can I sleep better?" }"""));
        using var streamed = Post("""{ "message": "Tips?" }""");
        streamed.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await client.SendAsync(streamed);
        var events = await stream.Content.ReadAsStringAsync();
        using var health = await client.GetAsync("api/health");
        var chat = JsonNode.Parse(await health.Content.ReadAsStringAsync())!["chat"]!;

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(GeminiStandIn.DefaultReply, JsonNode.Parse(await json.Content.ReadAsStringAsync())!["reply"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Contains("event: done", events, StringComparison.Ordinal);
        Assert.Contains(fixture.Gemini.Requests, r => r.Stream);
        Assert.All(fixture.Gemini.Requests, r => Assert.StartsWith("Bearer ya29.service-account-", r.Authorization, StringComparison.Ordinal));
        Assert.Equal(1, fixture.Identity.Count(FederationEndpoint.ManagedIdentity));
        Assert.Equal(1, fixture.Identity.Count(FederationEndpoint.Sts));
        Assert.Equal("vertex-managed-identity", chat["route"]!.GetValue<string>());
        Assert.True(chat["token"]!["lastExchangeSucceeded"]!.GetValue<bool>());
        Assert.Equal(1, chat["token"]!["exchanges"]!.GetValue<long>());
        var body = await health.Content.ReadAsStringAsync();
        Assert.All(fixture.Identity.Secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HundredChats_CauseOneExchange_AndNoTokenReachesTheWorkersOutput()
    {
        using var client = fixture.Host.CreateClient();

        for (var i = 0; i < 100; i++)
        {
            using var response = await client.SendAsync(Post("""{ "message": "Hello?" }"""));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, fixture.Identity.Count(FederationEndpoint.Sts));
        Assert.Equal(1, fixture.Identity.Count(FederationEndpoint.IamCredentials));
        Assert.True(fixture.Gemini.Requests.Count >= 100);
        await fixture.Host.WaitForOutputAsync(line => line.Contains("Vertex AI token exchanged", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        foreach (var secret in fixture.Identity.Secrets)
        {
            Assert.DoesNotContain(fixture.Host.Output, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static HttpRequestMessage Post(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", "198.51.100.40");
        return request;
    }
}
