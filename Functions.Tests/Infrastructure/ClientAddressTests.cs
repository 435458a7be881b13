using System.Net;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.9")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    public void Of_Default_IsTheConnectionsAddressAsThePlatformResolvedIt(string remote, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(expected, new ClientAddress(Options.Create(new ClientAddressOptions())).Of(context.Request));
    }

    [Fact]
    public void Of_Default_IgnoresEveryForwardedHeaderACallerWrote()
    {
        // Behind the Functions host nothing the caller wrote survives (the host replaces X-Forwarded-For); should a
        // header reach the function anyway, it is a caller's claim and chooses nothing (issue 24, S1).
        var clients = Enumerable.Range(1, 30).Select(i =>
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.7");
            context.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i}";
            context.Request.Headers["Forwarded"] = $"for=203.0.113.{i}";
            context.Request.Headers["X-Real-IP"] = $"203.0.113.{i}";
            return new ClientAddress(Options.Create(new ClientAddressOptions())).Of(context.Request);
        });

        Assert.Equal(["198.51.100.7"], clients.Distinct());
    }

    [Theory]
    [InlineData("203.0.113.5", 1, "203.0.113.5")]
    [InlineData("203.0.113.5:54321", 1, "203.0.113.5")]
    [InlineData("198.51.100.66, 203.0.113.5:54321", 1, "203.0.113.5")] // a forged entry on the left is ignored
    [InlineData("198.51.100.66, 203.0.113.5, 10.0.0.4", 2, "203.0.113.5")] // behind two proxies of one's own
    [InlineData("203.0.113.5", 2, "203.0.113.5")] // fewer entries than hops: the leftmost
    [InlineData("fd00::5, 2001:db8::7", 1, "2001:db8::7")]
    [InlineData("[2001:db8::1]:443", 1, "2001:db8::1")]
    [InlineData("::ffff:198.51.100.9", 1, "198.51.100.9")]
    [InlineData("198.51.100.66, unknown", 1, "unknown")]
    [InlineData("", 1, "127.0.0.1")]
    [InlineData(" , ,", 1, "127.0.0.1")]
    [InlineData("198.51.100.66, 203.0.113.5", 0, "127.0.0.1")] // no trusted hops: the header is not read
    public void Of_TrustedHops_TakesTheEntryThatManyFromTheRight(string forwardedFor, int hops, string expected)
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
    public void Of_LongUnparsableEntry_IsShortened()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = new string('x', 5000);

        Assert.Equal(64, ClientAddress.Of(context.Request, 1).Length);
    }

    [Fact]
    public void PartitionOf_SignedIn_IsThePersonElseTheAddress()
    {
        var clients = new ClientAddress(Options.Create(new ClientAddressOptions()));
        var anonymous = new DefaultHttpContext();
        anonymous.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        var signedIn = new DefaultHttpContext();
        signedIn.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        signedIn.Features.Set(new SignedInClient("k1"));

        Assert.Equal("address:192.0.2.1", clients.PartitionOf(anonymous.Request));
        Assert.Equal("person:k1", clients.PartitionOf(signedIn.Request));
    }
}
