using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>What a request's <c>Content-Type</c> says its body is.</summary>
internal enum BodyKind
{
    /// <summary>No content type was sent.</summary>
    None,

    /// <summary><c>application/json</c> or any <c>+json</c> type.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>.</summary>
    Form,

    /// <summary>Anything else, a header that does not parse, or a charset the app does not read (see <see cref="RequestBody.UnreadableCharset"/>).</summary>
    Other,
}

/// <summary>
/// A request body read whole into a pooled buffer, never past a limit: the one way the app reads a body.
/// Dispose it to return the buffer.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static BodyKind KindOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return BodyKind.None;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || UnreadableCharset(media) is not null)
        {
            return BodyKind.Other;
        }

        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        return media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? BodyKind.Form
            : BodyKind.Other;
    }

    /// <summary>
    /// The charset a content type names when the app cannot read it, else null. Bodies are read as UTF-8;
    /// US-ASCII is a subset of it. Anything else (UTF-16, Latin-1, ...) would be misread, so it is refused (415).
    /// </summary>
    public static string? UnreadableCharset(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) ? UnreadableCharset(media) : null;

    /// <summary>Reads the body; null when it is longer than <paramref name="limit"/> bytes (declared or actual).</summary>
    public static async ValueTask<RequestBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return new RequestBody(buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return null;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static string? UnreadableCharset(MediaTypeHeaderValue media)
    {
        if (media.Charset is not { Length: > 0 } charset)
        {
            return null;
        }

        var name = charset.Value!.Trim('"');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            ? null
            : name.Length <= 40 ? name : name[..40];
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
