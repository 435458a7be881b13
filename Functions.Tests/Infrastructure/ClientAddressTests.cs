using System.Net;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.5", 1, "203.0.113.5")]
    [InlineData("203.0.113.5:54321", 1, "203.0.113.5")]
    [InlineData("198.51.100.66, 203.0.113.5:54321", 1, "203.0.113.5")] // a forged entry on the left is ignored
    [InlineData("198.51.100.66, 127.0.0.1", 1, "127.0.0.1")] // DevHost's hop: the caller is local, whatever it forged
    [InlineData("198.51.100.66, 10.0.0.4", 1, "10.0.0.4")] // a caller in a private network is that caller
    [InlineData("198.51.100.66, 203.0.113.5, 10.0.0.4", 2, "203.0.113.5")] // behind a proxy of one's own
    [InlineData("203.0.113.5", 2, "203.0.113.5")] // fewer entries than hops: the leftmost
    [InlineData("fd00::5, 2001:db8::7", 1, "2001:db8::7")]
    [InlineData("[2001:db8::1]:443", 1, "2001:db8::1")]
    [InlineData("::ffff:198.51.100.9", 1, "198.51.100.9")]
    [InlineData("198.51.100.66, unknown", 1, "unknown")]
    [InlineData("", 1, "127.0.0.1")]
    [InlineData(" , ,", 1, "127.0.0.1")]
    public void Of_ForwardedFor_TakesTheEntryTrustedHopsFromTheRight(string forwardedFor, int hops, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;

        var client = ClientAddress.Of(context.Request, hops);

        Assert.Equal(expected, client);
    }

    [Fact]
    public void Of_SeveralHeaders_AreOneListInOrder()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = new Microsoft.Extensions.Primitives.StringValues(["198.51.100.66", "203.0.113.5, 127.0.0.1"]);

        Assert.Equal("203.0.113.5", ClientAddress.Of(context.Request, 2));
    }

    [Fact]
    public void Of_ForgedPublicAddressesBehindALoopbackHop_AllCountAsOneClient()
    {
        var clients = Enumerable.Range(1, 30).Select(i =>
        {
            var context = new DefaultHttpContext();
            context.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i}, 127.0.0.1";
            return ClientAddress.Of(context.Request, 1);
        });

        Assert.Single(clients.Distinct());
    }

    [Fact]
    public void Of_LongUnparsableEntry_IsShortened()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = new string('x', 5000);

        Assert.Equal(64, ClientAddress.Of(context.Request, 1).Length);
    }
}
