using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.DevHost.Tests.Hosting;

public sealed class HostSettingsTests
{
    [Fact]
    public void HostJson_PrefixAndTimeout_AreRead()
    {
        var hostJson = HostJson.Parse("""{ "version": "2.0", "functionTimeout": "00:01:00", "extensions": { "http": { "routePrefix": "/v1/" } } }""");

        Assert.Equal("v1", hostJson.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(1), hostJson.FunctionTimeout);
    }

    [Fact]
    public void HostJson_Empty_UsesTheHostDefaults()
    {
        var hostJson = HostJson.Parse("{}");

        Assert.Equal("api", hostJson.RoutePrefix);
        Assert.Equal(HostJson.DefaultFunctionTimeout, hostJson.FunctionTimeout);
    }

    [Fact]
    public void LocalSettings_HostSection_ReadsCorsAndCredentials()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "Values": { "A": "1" }, "Host": { "CORS": "http://a.test, http://b.test", "CORSCredentials": true, "LocalHttpPort": 7072 } }""");

        var settings = LocalSettings.Load(path);

        File.Delete(path);
        Assert.Equal(["http://a.test", "http://b.test"], settings.CorsOrigins);
        Assert.True(settings.CorsCredentials);
        Assert.Equal(7072, settings.LocalHttpPort);
        Assert.Equal(LocalSettings.DefaultMasterKey, settings.MasterKey);
    }

    [Theory]
    [InlineData("Anonymous", null, true)]
    [InlineData("Function", null, false)]
    [InlineData("Function", "function", true)]
    [InlineData("Function", "master", true)]
    [InlineData("Admin", "function", false)]
    [InlineData("Admin", "master", true)]
    [InlineData("Function", "other", false)]
    public void KeyAuthorizer_LevelAndKey_DecidesAccess(string level, string? key, bool expected)
    {
        var settings = new LocalSettings { Values = new Dictionary<string, string> { ["DevHost__MasterKey"] = "master", ["DevHost__FunctionKey"] = "function" } };
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[KeyAuthorizer.KeyHeader] = key;
        }

        var authorized = new KeyAuthorizer(settings).IsAuthorized(context.Request, Enum.Parse<AuthorizationLevel>(level));

        Assert.Equal(expected, authorized);
    }

    [Fact]
    public void CreateForwardRequest_ForgedForwardedHeaders_AreReplacedByWhatTheHostSaw()
    {
        // The Functions host forwards with YARP's default transforms (ForwardedTransformActions.Set): the caller's
        // X-Forwarded-* and Forwarded headers are dropped and the host writes its own, so the worker learns only the
        // address that connected. (DevHost used to append, which let the caller's entry become the client: issue 24, S1.)
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/chat";
        context.Request.QueryString = new QueryString("?a=1");
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1:7071");
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
        context.Request.Headers["X-Forwarded-Host"] = "evil.example";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-Prefix"] = "/evil";
        context.Request.Headers["Forwarded"] = "for=198.51.100.1";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("127.0.0.3");

        using var forward = HttpFunctionInvoker.CreateForwardRequest(context, new Uri("http://127.0.0.1:5555/"), "inv-1", _ => true, []);

        Assert.Equal("http://127.0.0.1:5555/api/chat?a=1", forward.RequestUri!.ToString());
        Assert.Equal("127.0.0.3", forward.Headers.GetValues("X-Forwarded-For").Single());
        Assert.Equal("127.0.0.1:7071", forward.Headers.GetValues("X-Forwarded-Host").Single());
        Assert.Equal("http", forward.Headers.GetValues("X-Forwarded-Proto").Single());
        Assert.False(forward.Headers.Contains("X-Forwarded-Prefix"));
        Assert.False(forward.Headers.Contains("Forwarded"));
        Assert.Equal("inv-1", forward.Headers.GetValues(HttpFunctionInvoker.InvocationIdHeader).Single());
    }
}
