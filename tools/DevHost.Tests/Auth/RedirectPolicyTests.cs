using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Tests.Auth;

public sealed class RedirectPolicyTests
{
    private static readonly RedirectPolicy Policy = new(new LocalSettings { CorsOrigins = ["http://127.0.0.1:5173", "https://site.example/"] });

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/.auth/me", "/.auth/me")]
    [InlineData("/api/health?x=1#top", "/api/health?x=1#top")]
    [InlineData("http://127.0.0.1:5173/history.html", "http://127.0.0.1:5173/history.html")]
    [InlineData("HTTP://127.0.0.1:5173", "http://127.0.0.1:5173/")]
    [InlineData("https://site.example/me/?tab=2", "https://site.example/me/?tab=2")]
    [InlineData("https://site.example:443/", "https://site.example/")]
    public void Resolve_PathOrAListedOrigin_IsTheLocation(string requested, string expected)
    {
        Assert.Equal(expected, Policy.Resolve(requested));
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("http://127.0.0.1:5174/")]
    [InlineData("https://127.0.0.1:5173/")]
    [InlineData("http://site.example/")]
    [InlineData("https://site.example.evil.example/")]
    [InlineData("https://user@site.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("history.html")]
    [InlineData("/a b")]
    [InlineData("/a\r\nSet-Cookie: x=1")]
    [InlineData("/caf\u00e9")]
    [InlineData("")]
    public void Resolve_AnythingElse_IsRefused(string requested)
    {
        Assert.Null(Policy.Resolve(requested));
    }

    [Fact]
    public void Resolve_WildcardCors_AllowsNoOrigin()
    {
        var wildcard = new RedirectPolicy(new LocalSettings { CorsOrigins = ["*"] });

        Assert.Null(wildcard.Resolve("https://anything.example/"));
        Assert.Equal("/ok", wildcard.Resolve("/ok"));
    }
}
