using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatRateLimiterTests
{
    [Fact]
    public void TryAcquire_ForgedForwardedForBehindDevHost_DoesNotEscapeTheLimit()
    {
        // Issue 18, defect 3: a new forged public address per call, with DevHost's loopback hop appended.
        using var limiter = Limiter(permitsPerMinute: 10);

        var granted = Enumerable.Range(1, 12).Count(i =>
        {
            var context = new DefaultHttpContext();
            context.Request.Headers["X-Forwarded-For"] = $"203.0.113.{i}, 127.0.0.1";
            return limiter.TryAcquire(context.Request, out _);
        });

        Assert.Equal(10, granted);
    }

    [Fact]
    public void TryAcquire_PastPermits_RefusesWithRetryAfterWithinTheWindow()
    {
        using var limiter = Limiter(permitsPerMinute: 3);
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Forwarded-For"] = "192.0.2.10";

        var granted = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(context.Request, out var _)).ToList();
        var refused = limiter.TryAcquire(context.Request, out var retryAfter);

        Assert.Equal([true, true, true, false], granted);
        Assert.False(refused);
        Assert.InRange(retryAfter, 1, 60);
    }

    private static ChatRateLimiter Limiter(int permitsPerMinute) => new(
        Options.Create(new ChatRateLimitOptions { PermitsPerMinute = permitsPerMinute }),
        new ClientAddress(Options.Create(new ClientAddressOptions())));
}
