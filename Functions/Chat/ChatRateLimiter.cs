using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// A fixed one-minute window per client address. Behind the Functions host the connection is the host's,
/// so the client is read from <c>X-Forwarded-For</c> (appended to by Azure's front end and by DevHost).
/// Memory stays bounded: the partitioned limiter drops a client's window once it has been idle for a while.
/// </summary>
internal sealed class ChatRateLimiter(IOptions<ChatRateLimitOptions> options) : IDisposable
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
        using var lease = _limiter.AttemptAcquire(ClientOf(request));
        retryAfterSeconds = lease.IsAcquired ? 0
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        return lease.IsAcquired;
    }

    /// <summary>
    /// The client's address from <c>X-Forwarded-For</c>, read from the right: each proxy appends the address
    /// it was called from, so the entries on the left are only what the caller claims and can be forged.
    /// The rightmost public address is the one Azure's front end saw; loopback (the Functions host, DevHost)
    /// and private hops are skipped. With no public entry, the rightmost private one (a caller inside a
    /// private network); with none at all, the connection's address. A port is dropped.
    /// </summary>
    public static string ClientOf(HttpRequest request)
    {
        IPAddress? nearestPrivate = null;
        var entries = request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!IPEndPoint.TryParse(entries[i], out var endpoint))
            {
                continue;
            }

            var address = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
            if (IPAddress.IsLoopback(address))
            {
                continue;
            }

            if (!IsPrivate(address))
            {
                return address.ToString();
            }

            nearestPrivate ??= address;
        }

        if (nearestPrivate is not null)
        {
            return nearestPrivate.ToString();
        }

        return request.HttpContext.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : "unknown";
    }

    public void Dispose() => _limiter.Dispose();

    private static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>RFC 1918, shared (RFC 6598), link-local, and IPv6 unique-local or link-local addresses.</summary>
    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var bytes = address.GetAddressBytes();
        return bytes[0] == 10
            || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31)
            || (bytes[0] == 192 && bytes[1] == 168)
            || (bytes[0] == 169 && bytes[1] == 254)
            || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127);
    }
}
