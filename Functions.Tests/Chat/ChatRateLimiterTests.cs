using System.Net;
using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatRateLimiterTests
{
    [Fact]
    public void TryAcquire_ForgedForwardedFor_DoesNotEscapeTheLimit()
    {
        // Issue 18, defect 3, and issue 24, S1: a new forged address per call never chooses a bucket.
        using var limiter = Limiter(permitsPerMinute: 10);

        var granted = Enumerable.Range(1, 12).Count(i =>
        {
            var context = Request("127.0.0.1");
            context.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i}, 198.51.100.{i}";
            return limiter.TryAcquire(context.Request, out _);
        });

        Assert.Equal(10, granted);
    }

    [Fact]
    public void TryAcquire_PastPermits_RefusesWithRetryAfterWithinTheWindow()
    {
        using var limiter = Limiter(permitsPerMinute: 3);
        var context = Request("192.0.2.10");

        var granted = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(context.Request, out var _)).ToList();
        var refused = limiter.TryAcquire(context.Request, out var retryAfter);

        Assert.Equal([true, true, true, false], granted);
        Assert.False(refused);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public void TryAcquire_SignedInPeople_AreLimitedPerPersonNotPerAddress()
    {
        // Two people behind one address each have their own budget; one person keeps theirs from any address.
        using var limiter = Limiter(permitsPerMinute: 2);

        bool Call(string address, string? person)
        {
            var context = Request(address);
            if (person is not null)
            {
                context.Features.Set(new SignedInClient(person));
            }

            return limiter.TryAcquire(context.Request, out _);
        }

        var ada = new[] { Call("192.0.2.1", "ada"), Call("192.0.2.2", "ada"), Call("192.0.2.3", "ada") };
        var bob = new[] { Call("192.0.2.1", "bob"), Call("192.0.2.1", "bob") };
        var anonymous = new[] { Call("192.0.2.1", null), Call("192.0.2.1", null), Call("192.0.2.1", null) };

        Assert.Equal([true, true, false], ada);
        Assert.Equal([true, true], bob);
        Assert.Equal([true, true, false], anonymous);
    }

    private static DefaultHttpContext Request(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }

    private static ChatRateLimiter Limiter(int permitsPerMinute) => new(
        Options.Create(new ChatRateLimitOptions { PermitsPerMinute = permitsPerMinute }),
        new ClientAddress(Options.Create(new ClientAddressOptions())));
}
