using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.DevHost.Tests.Auth;

public sealed class SessionCookieTests
{
    private static readonly ClientPrincipal Ada = new("ada-oid", "ada@example.com");

    [Fact]
    public void Read_IssuedCookie_IsThePrincipalUntilEightHoursLater()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var sessions = new SessionCookie(Key(1), time);
        var cookie = sessions.Issue(Ada, out var expiresOn);

        var fresh = sessions.Read(cookie);
        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        var late = sessions.Read(cookie);
        time.Advance(TimeSpan.FromSeconds(1));
        var expired = sessions.Read(cookie);

        Assert.Equal(Ada, fresh?.Principal);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), expiresOn);
        Assert.Equal(Ada, late?.Principal);
        Assert.Null(expired);
    }

    [Fact]
    public void End_EndsThatSessionOnlyAndForgetsItOnceExpired()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var sessions = new SessionCookie(Key(1), time);
        var first = sessions.Issue(Ada, out _);
        var second = sessions.Issue(Ada, out _);

        sessions.End(sessions.Read(first)!);

        Assert.Null(sessions.Read(first));
        Assert.Equal(Ada, sessions.Read(second)?.Principal);
    }

    [Fact]
    public void Read_PayloadOfAnotherPersonWithThisSignature_IsNoSession()
    {
        var sessions = new SessionCookie(Key(1), TimeProvider.System);
        var signature = sessions.Issue(Ada, out _).Split('.')[1];
        var otherPayload = sessions.Issue(new ClientPrincipal("eve-oid", "eve@example.com"), out _).Split('.')[0];

        Assert.Null(sessions.Read($"{otherPayload}.{signature}"));
    }

    [Fact]
    public void Read_SignedWithAnotherKey_IsNoSession()
    {
        var cookie = new SessionCookie(Key(1), TimeProvider.System).Issue(Ada, out _);

        Assert.Null(new SessionCookie(Key(2), TimeProvider.System).Read(cookie));
    }

    [Fact]
    public void Read_OneSignatureCharacterChanged_IsNoSession()
    {
        var sessions = new SessionCookie(Key(1), TimeProvider.System);
        var cookie = sessions.Issue(Ada, out _);
        var altered = cookie[..^1] + (cookie[^1] == 'A' ? 'B' : 'A');

        Assert.Null(sessions.Read(altered));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".")]
    public void Read_Malformed_IsNoSession(string? cookie)
    {
        Assert.Null(new SessionCookie(Key(1), TimeProvider.System).Read(cookie));
    }

    [Fact]
    public void Create_SameConfiguredKey_SessionsSurviveARestart()
    {
        var settings = new LocalSettings { Values = new Dictionary<string, string> { [LocalSettings.AuthSessionKeySetting] = "a key kept in local.settings.json" } };
        var cookie = SessionCookie.Create(settings, TimeProvider.System).Issue(Ada, out _);

        var afterRestart = SessionCookie.Create(settings, TimeProvider.System).Read(cookie);

        Assert.Equal(Ada, afterRestart?.Principal);
    }

    [Fact]
    public void Create_NoConfiguredKey_EachRunSignsWithItsOwnKey()
    {
        var cookie = SessionCookie.Create(new LocalSettings(), TimeProvider.System).Issue(Ada, out _);

        Assert.Null(SessionCookie.Create(new LocalSettings(), TimeProvider.System).Read(cookie));
    }

    private static byte[] Key(byte seed) => Enumerable.Repeat(seed, 32).ToArray();
}
