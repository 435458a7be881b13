using System.Net;
using HealthOracle.Functions.Chat;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatRateLimiterTests
{
    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("203.0.113.5:54321", "203.0.113.5")]
    [InlineData("203.0.113.5:54321, 10.0.0.4", "203.0.113.5")]
    [InlineData("198.51.100.66, 203.0.113.5:54321", "203.0.113.5")] // a forged entry on the left is ignored
    [InlineData("198.51.100.66, 203.0.113.5, 127.0.0.1", "203.0.113.5")] // the local host's own hop is skipped
    [InlineData("10.1.2.3, 192.168.0.9", "192.168.0.9")] // a caller inside a private network
    [InlineData("fd00::5, 2001:db8::7", "2001:db8::7")]
    [InlineData("[2001:db8::1]:443", "2001:db8::1")]
    [InlineData("2001:db8::2", "2001:db8::2")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.9")]
    [InlineData("not-an-address", "127.0.0.1")]
    [InlineData("", "127.0.0.1")]
    public void ClientOf_ForwardedFor_TakesTheRightmostPublicAddressElseConnection(string forwardedFor, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;

        var client = ChatRateLimiter.ClientOf(context.Request);

        Assert.Equal(expected, client);
    }

    [Fact]
    public void TryAcquire_PastPermits_RefusesWithRetryAfterWithinTheWindow()
    {
        using var limiter = new ChatRateLimiter(Microsoft.Extensions.Options.Options.Create(new ChatRateLimitOptions { PermitsPerMinute = 3 }));
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = "192.0.2.10";

        var granted = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(context.Request, out var _)).ToList();
        var refused = limiter.TryAcquire(context.Request, out var retryAfter);

        Assert.Equal([true, true, true, false], granted);
        Assert.False(refused);
        Assert.InRange(retryAfter, 1, 60);
    }
}
