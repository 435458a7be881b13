using System.Net;
using System.Text.Json;
using HealthOracle.Functions.Tests.TestSupport;

namespace HealthOracle.DevHost.Tests.EndToEnd;

/// <summary>The app through DevHost: routes, keys, CORS and the admin API, as a caller meets them.</summary>
[Trait("Category", "EndToEnd")]
public sealed class HostTests(DevHostFixture fixture) : IClassFixture<DevHostFixture>
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Health_Get_Returns200WithStatus()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.TryGetProperty("status", out _));
    }

    [Fact]
    public async Task UnknownRoute_Get_Returns404()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Health_Post_Returns405WithAllow()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("api/health", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Preflight_FromAllowedOrigin_AllowsTheOrigin()
    {
        using var client = fixture.Host.CreateClient();
        using var request = Preflight(DevHostFixture.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(DevHostFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task Preflight_FromRefusedOrigin_HasNoAllowOrigin()
    {
        using var client = fixture.Host.CreateClient();
        using var request = Preflight("http://refused.test");

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_FromAllowedOrigin_CarriesAllowOrigin()
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Add("Origin", DevHostFixture.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DevHostFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("x-functions-key", "wrong-key")]
    [InlineData("code", "wrong-key")]
    public async Task RefreshModels_WithoutAValidKey_Returns401(string? carrier, string? key)
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("api/models/refresh", carrier, key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("x-functions-key", DevHostServer.FunctionKey)]
    [InlineData("code", DevHostServer.FunctionKey)]
    [InlineData("x-functions-key", DevHostServer.MasterKey)]
    public async Task RefreshModels_WithAFunctionOrMasterKey_RunsTheFunction(string carrier, string key)
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("api/models/refresh", carrier, key);

        using var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
    }

    [Fact]
    public async Task AdminFunctions_WithFunctionKey_Returns401()
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("admin/functions/WarmUp", "x-functions-key", DevHostServer.FunctionKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminFunctions_WarmUp_Returns202AndRunsTheTimer()
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("admin/functions/WarmUp", "x-functions-key", DevHostServer.MasterKey);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Host.WaitForOutputAsync(line => line.Contains("Executed 'Functions.WarmUp' (Succeeded"), LogWait);
    }

    [Fact]
    public async Task AdminFunctions_HttpFunction_Returns400()
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("admin/functions/Health", "x-functions-key", DevHostServer.MasterKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRoute_Get_AnswersA404Problem()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("api/no-such-function");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/no-such-function", "GET")]
    [InlineData("api/health", "POST")]
    [InlineData("admin/host/status", "GET")]
    [InlineData(".auth/no-such-thing", "GET")]
    public async Task DevHostsOwnAnswer_EchoesTheCallersRequestIds_AsTheWorkerDoes(string path, string method)
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-request-id", "caller-id:1.2_3");
        request.Headers.Add("x-ms-client-request-id", "client-7");

        using var response = await client.SendAsync(request);

        Assert.Equal("caller-id:1.2_3", Assert.Single(response.Headers.GetValues("x-request-id")));
        Assert.Equal("client-7", Assert.Single(response.Headers.GetValues("x-ms-client-request-id")));
    }

    [Fact]
    public async Task DevHostsOwnAnswer_WithAnUnusableRequestId_MakesItsOwn()
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/no-such-function");
        request.Headers.TryAddWithoutValidation("x-request-id", "has space<script>");
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", new string('a', 129));

        using var response = await client.SendAsync(request);

        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("x-request-id")), out _));
        Assert.False(response.Headers.Contains("x-ms-client-request-id"));
    }

    [Fact]
    public async Task Preflight_AnsweredByDevHost_CarriesARequestId()
    {
        using var client = fixture.Host.CreateClient();
        using var request = Preflight(DevHostFixture.AllowedOrigin);

        using var response = await client.SendAsync(request);

        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("x-request-id"))));
    }

    [Fact]
    public async Task Health_Post_AnswersA405ProblemWithAllow()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync("api/health", null);

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("api/models/refresh")]
    [InlineData("admin/functions/WarmUp")]
    public async Task KeyedRoute_WithoutAKey_AnswersA401Problem(string path)
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsync(path, null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminApi_UnknownPath_AnswersA404Problem()
    {
        using var client = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "admin/no-such-thing");
        request.Headers.Add("x-functions-key", DevHostServer.MasterKey);

        using var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RequestLineOver8KB_AnswersKestrels414AsAProblem()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.GetAsync("api/health?pad=" + new string('a', 9000));

        await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task MalformedHeaderName_AnswersKestrels400AsAProblem()
    {
        var responses = await RawHttp.SendAsync(fixture.Host.Port, RawHttp.Latin1("GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n"), LogWait);

        var response = Assert.Single(responses);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(400, JsonDocument.Parse(response.Body).RootElement.GetProperty("status").GetInt32());
        Assert.True(response.Headers.ContainsKey("x-request-id"), "Kestrel's own 400, rewritten, carries no x-request-id.");
    }

    [Fact]
    public async Task KeepAliveRequestThenMalformedOne_OnlyKestrelsAnswerIsRewritten()
    {
        var responses = await RawHttp.SendAsync(fixture.Host.Port,
            RawHttp.Latin1("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n"), LogWait);

        Assert.Equal([200, 400], responses.Select(r => r.Status));
        Assert.Equal("ok", JsonDocument.Parse(responses[0].Body).RootElement.GetProperty("status").GetString());
        Assert.Equal("application/problem+json", responses[1].ContentType);
    }

    [Fact]
    public async Task HeaderValueWithUtf8_Answers400NamingItAndCallsNoFunction()
    {
        var head = RawHttp.Latin1("GET /api/predict/heart HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Probe: caf");
        var request = head.Concat("\u00e9"u8.ToArray()).Concat(RawHttp.Latin1("\r\n\r\n")).ToArray();

        var invocationsBefore = fixture.Host.Output.Count(line => line.Contains("Executing 'Functions."));

        var response = Assert.Single(await RawHttp.SendAsync(fixture.Host.Port, request, LogWait));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(JsonDocument.Parse(response.Body).RootElement.GetProperty("errors").TryGetProperty("X-Probe", out _));
        await fixture.Host.WaitForOutputAsync(line => line.Contains("header X-Probe has a character"), LogWait);
        Assert.Equal(invocationsBefore, fixture.Host.Output.Count(line => line.Contains("Executing 'Functions.")));
    }

    [Fact]
    public async Task RequestBodyThatStalls_Answers408Problem()
    {
        using var connection = await RawHttp.StartAsync(fixture.Host.Port, RawHttp.Latin1(
            "POST /api/predict/heart HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"age\":"));

        var response = Assert.Single(await RawHttp.ReadAsync(connection, TimeSpan.FromSeconds(60)));

        Assert.Equal(408, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.True(response.Headers.ContainsKey("x-request-id"), "DevHost's 408 carries no x-request-id.");
    }

    [Fact]
    public async Task LargeBodyThatStallsShortOfItsLength_Answers408Promptly()
    {
        // Issue 24, S6: a 1 MB body sent 10 bytes short of its Content-Length kept the invocation until the function
        // timeout (504 after 60 s): Kestrel's minimum rate is an average, and a fast start keeps it high for an hour.
        const int length = 1_000_000;
        var head = RawHttp.Latin1($"POST /api/predict/heart HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n");
        var body = new byte[length - 10];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'[';
        using var connection = await RawHttp.StartAsync(fixture.Host.Port, [.. head, .. body]);

        // Well inside the minute the function timeout would take; DevHost answers after 5 s without a byte.
        var response = Assert.Single(await RawHttp.ReadAsync(connection, TimeSpan.FromSeconds(30)));

        Assert.Equal(408, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("x-request-id"))), "DevHost's own answer carries no x-request-id.");
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "api/models/refresh");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-functions-key");
        return request;
    }

    private static HttpRequestMessage KeyedPost(string path, string? carrier, string? key)
    {
        if (carrier == "code")
        {
            return new HttpRequestMessage(HttpMethod.Post, $"{path}?code={Uri.EscapeDataString(key!)}");
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (carrier is not null)
        {
            request.Headers.Add(carrier, key);
        }

        return request;
    }
}
