using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// Who the client is, for anything keyed by client (the chat's rate limit, the gateway's site permits):
/// the one implementation. Behind the Functions host the worker's connection is the host's, so the client
/// is read from <c>X-Forwarded-For</c>, to which each proxy appends the address it was called from.
/// Entries on the left are whatever the caller wrote and can be forged; only the last
/// <see cref="ClientAddressOptions.TrustedHops"/> entries were written by proxies this app trusts, and the
/// leftmost of those is the address the outermost trusted proxy saw: the client.
/// </summary>
internal sealed class ClientAddress(IOptions<ClientAddressOptions> options)
{
    /// <summary>An entry that is not an address is kept as text, at most this long (partition keys stay small).</summary>
    private const int MaxUnparsedChars = 64;

    public int TrustedHops => Math.Max(1, options.Value.TrustedHops);

    /// <summary>The request's client, as a normalized address (no port; IPv4-mapped IPv6 as IPv4).</summary>
    public string Of(HttpRequest request) => Of(request, TrustedHops);

    /// <summary>
    /// The entry <paramref name="trustedHops"/> from the right of <c>X-Forwarded-For</c> (several headers count
    /// as one list, in order). With fewer entries than trusted hops, every entry was written by a trusted proxy,
    /// and the leftmost is the furthest one saw. With none, the connection's address.
    /// </summary>
    public static string Of(HttpRequest request, int trustedHops)
    {
        var header = request.Headers["X-Forwarded-For"];
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

        var entry = entries[Math.Max(0, entries.Length - Math.Max(1, trustedHops))];
        return IPEndPoint.TryParse(entry, out var endpoint) ? Normalize(endpoint.Address)
            : entry.Length <= MaxUnparsedChars ? entry
            : entry[..MaxUnparsedChars];
    }

    private static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

/// <summary>
/// How many proxies in front of the worker append to <c>X-Forwarded-For</c> and are trusted; bound from the
/// <c>ClientAddress</c> section (<c>ClientAddress__TrustedHops</c>). See docs/hostile-input.md.
/// </summary>
internal sealed class ClientAddressOptions
{
    public const string Section = "ClientAddress";

    /// <summary>
    /// 1 by default: the one entry appended by Azure's front end (which the Functions host passes on to the
    /// worker) or, locally, by DevHost. Add one for each proxy of yours in front that appends too.
    /// </summary>
    public int TrustedHops { get; set; } = 1;
}
