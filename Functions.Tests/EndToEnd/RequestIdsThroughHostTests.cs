using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Tests.Predictions;

namespace HealthOracle.Functions.Tests.EndToEnd;

/// <summary>Every answer of the real worker under DevHost carries the request's ids; a problem carries them in its body too.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RequestIdsThroughHostTests(PredictionHostFixture fixture) : IClassFixture<PredictionHostFixture>
{
    private const string TraceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    [Fact]
    public async Task Prediction_EchoesTheCallersIdsAndTrace()
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict/heart") { Content = Json(TestPatients.Json("heart")) };
        request.Headers.Add("x-request-id", "caller-1");
        request.Headers.Add("x-ms-client-request-id", "client-7");
        request.Headers.Add("traceparent", TraceParent);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("caller-1", Header(response, "x-request-id"));
        Assert.Equal("client-7", Header(response, "x-ms-client-request-id"));
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", Header(response, "traceresponse"));
    }

    [Fact]
    public async Task Problem_CarriesItsCodeTypeRequestIdAndTraceId()
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict/heart") { Content = Json("{\"age\":") };
        request.Headers.Add("traceparent", TraceParent);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = body.RootElement;
        Assert.Equal("MalformedBody", problem.GetProperty("code").GetString());
        Assert.Equal("urn:healthoracle:problem:MalformedBody", problem.GetProperty("type").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", problem.GetProperty("traceId").GetString());
        var requestId = Header(response, "x-request-id");
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(requestId, problem.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("api/predict/heart")]
    [InlineData("api/health")]
    [InlineData("api/openapi.json")]
    [InlineData("api/me")]
    public async Task EveryAnswer_HasARequestIdAndATrace(string path)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.False(string.IsNullOrEmpty(Header(response, "x-request-id")), $"{path} answered {(int)response.StatusCode} without x-request-id");
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", Header(response, "traceresponse"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
