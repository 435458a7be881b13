using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>The chat functions through DevHost and the real worker, with the Gemini stand-in upstream.</summary>
public sealed class ChatThroughHostTests : IAsyncLifetime
{
    private GeminiStandIn _gemini = null!;
    private DevHostServer _host = null!;

    public async Task InitializeAsync()
    {
        _gemini = await GeminiStandIn.StartAsync();
        _host = new DevHostServer(new Dictionary<string, string>
        {
            ["Gemini__Endpoint"] = _gemini.Url,
            ["Gemini__ApiKey"] = _gemini.ApiKey,
            ["Chat__RateLimit__PermitsPerMinute"] = "2",
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task Chat_AcceptEventStream_StreamsEventsThroughTheHost()
    {
        using var client = _host.CreateClient();
        using var request = ChatRequest("198.51.100.1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.True(body.Split("data: ").Length > 2, body);
        Assert.Contains("event: done", body);
    }

    [Fact]
    public async Task Chat_RateLimit_IsKeyedByTheForwardedCallerAddress()
    {
        using var client = _host.CreateClient();

        var first = await SendAsync(client, "198.51.100.7");
        var second = await SendAsync(client, "198.51.100.7");
        var third = await SendAsync(client, "198.51.100.7");
        var otherCaller = await SendAsync(client, "198.51.100.8");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.Equal(HttpStatusCode.OK, otherCaller);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string caller)
    {
        using var request = ChatRequest(caller);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage ChatRequest(string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/chat")
        {
            Content = new StringContent("""{ "message": "What is a healthy resting heart rate?" }""", Encoding.UTF8, "application/json"),
        };

        // As if a proxy in front of the host had seen this caller; DevHost appends its own caller after it.
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }
}
