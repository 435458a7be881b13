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
        using var request = KeyedPost("admin/functions/Warmup", "x-functions-key", DevHostServer.FunctionKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminFunctions_Warmup_Returns202AndRunsTheTimer()
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("admin/functions/Warmup", "x-functions-key", DevHostServer.MasterKey);
        request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.Host.WaitForOutputAsync(line => line.Contains("Executed 'Functions.Warmup' (Succeeded"), LogWait);
    }

    [Fact]
    public async Task AdminFunctions_HttpFunction_Returns400()
    {
        using var client = fixture.Host.CreateClient();
        using var request = KeyedPost("admin/functions/Health", "x-functions-key", DevHostServer.MasterKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
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
