using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// Who the client is, for anything keyed by client (the chat's rate limit, the gateway's site permits):
/// the one implementation. It trusts what the platform guarantees and nothing a caller wrote:
/// <list type="bullet">
/// <item>The Functions host forwards each request to the worker with <c>X-Forwarded-For</c> <em>set</em> to the
/// address it saw connect (YARP's default transforms replace the header; whatever the caller sent is dropped).</item>
/// <item>The worker's ASP.NET Core integration runs the forwarded-headers middleware (all headers, one hop,
/// loopback trusted): that entry becomes <see cref="ConnectionInfo.RemoteIpAddress"/> and the header is removed.</item>
/// </list>
/// So the client is the connection's remote address as the integration leaves it. Only a proxy in front of the
/// worker that appends instead of replacing would leave entries in <c>X-Forwarded-For</c>; the last
/// <see cref="ClientAddressOptions.TrustedHops"/> of them are trusted (none by default). docs/hostile-input.md
/// has the sources.
/// </summary>
internal sealed class ClientAddress(IOptions<ClientAddressOptions> options)
{
    /// <summary>An entry that is not an address is kept as text, at most this long (partition keys stay small).</summary>
    private const int MaxUnparsedChars = 64;

    public int TrustedHops => Math.Max(0, options.Value.TrustedHops);

    /// <summary>The request's client, as a normalized address (no port; IPv4-mapped IPv6 as IPv4).</summary>
    public string Of(HttpRequest request) => Of(request, TrustedHops);

    /// <summary>
    /// The bucket a per-client limit counts this request in: the signed-in person when the platform vouched for
    /// one (<see cref="SignedInClient"/>), else the client's address. A signed-in person keeps one budget from any
    /// address, and shares none with strangers behind the same address.
    /// </summary>
    public string PartitionOf(HttpRequest request) =>
        request.HttpContext.Features.Get<SignedInClient>() is { } person ? "person:" + person.Key : "address:" + Of(request);

    /// <summary>
    /// With <paramref name="trustedHops"/> 0, the connection's address. Otherwise the entry that many from the right
    /// of what is left of <c>X-Forwarded-For</c> (several headers count as one list, in order); with fewer entries
    /// than trusted hops, the leftmost (every entry was written by a trusted proxy); with none, the connection's address.
    /// </summary>
    public static string Of(HttpRequest request, int trustedHops)
    {
        var header = trustedHops > 0 ? request.Headers["X-Forwarded-For"] : default;
        var entries = header.Count switch
        {
            0 => [],
            1 => (header[0] ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => string.Join(',', header.ToArray()).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
        if (entries.Length == 0)
        {
            return request.HttpContext.Connection.RemoteIpAddress is { } remote ? Normalize(remote) : "unknown";
        }

        var entry = entries[Math.Max(0, entries.Length - trustedHops)];
        return IPEndPoint.TryParse(entry, out var endpoint) ? Normalize(endpoint.Address)
            : entry.Length <= MaxUnparsedChars ? entry
            : entry[..MaxUnparsedChars];
    }

    private static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>
/// The person a request is from, as the platform's sign-in vouched for them (set by People's caller middleware):
/// an opaque, stable key, so that limits keyed by client can count a person rather than an address.
/// </summary>
internal sealed record SignedInClient(string Key);

/// <summary>
/// How many proxies of yours, in front of the worker, append to <c>X-Forwarded-For</c> and are trusted; bound
/// from the <c>ClientAddress</c> section (<c>ClientAddress__TrustedHops</c>). See docs/hostile-input.md.
/// </summary>
internal sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    /// <summary>
    /// 0 by default: the client is the address the platform resolved (the Functions host replaces
    /// <c>X-Forwarded-For</c>, so nothing else reaches the worker). Raise it only for a proxy in front of the worker
    /// that appends rather than replaces.
    /// </summary>
    public int TrustedHops { get; set; }
}
