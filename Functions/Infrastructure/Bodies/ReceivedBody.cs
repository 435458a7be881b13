using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>
/// A request body that passed <see cref="RequestBodyReader"/>: JSON as checked UTF-8 (no byte order mark), or a
/// form as the framework parsed it within the route's limits. The JSON lives in a pooled buffer: dispose it.
/// </summary>
internal sealed class ReceivedBody : IDisposable
{
    private byte[] _buffer;
    private readonly int _start;
    private readonly int _length;

    private ReceivedBody(byte[] buffer, int start, int length, IFormCollection? form)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        Form = form;
    }

    public BodyKind Kind => Form is null ? BodyKind.Json : BodyKind.Form;

    /// <summary>The JSON text, UTF-8 checked, without a byte order mark; empty for a form.</summary>
    public ReadOnlySpan<byte> Json => _buffer.AsSpan(_start, _length);

    /// <summary>The form's values; null for JSON.</summary>
    public IFormCollection? Form { get; }

    public static ReceivedBody OfJson(byte[] pooled, int start, int length) => new(pooled, start, length, null);

    public static ReceivedBody OfForm(byte[] pooled, IFormCollection form) => new(pooled, 0, 0, form);

    /// <summary>Reads the body into a pooled buffer; null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async ValueTask<(byte[]? Buffer, int Length)> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
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
                    return (buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
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
