using System.Threading.RateLimiting;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// A fixed one-minute window per client: the signed-in person, else the client's address, as
/// <see cref="ClientAddress.PartitionOf"/> decides (never from an address the caller wrote).
/// Memory stays bounded: the partitioned limiter drops a client's window once it has been idle for a while.
/// </summary>
internal sealed class ChatRateLimiter(IOptions<ChatRateLimitOptions> options, ClientAddress clients) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.PermitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public int PermitsPerMinute => Math.Max(1, options.Value.PermitsPerMinute);

    /// <summary>Takes one permit for the request's client; when none is left, says how long to wait.</summary>
    public bool TryAcquire(HttpRequest request, out int retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(clients.PartitionOf(request));
        retryAfterSeconds = lease.IsAcquired ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
