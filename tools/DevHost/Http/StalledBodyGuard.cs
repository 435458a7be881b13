namespace HealthOracle.DevHost.Http;

/// <summary>
/// The caller's request body as it is forwarded to the worker, failed with a 408 as soon as it sends nothing for
/// <see cref="IdleTimeout"/>. Kestrel's own minimum data rate (240 bytes a second) is an average over the whole
/// body, so a large body that stops just short of its <c>Content-Length</c> kept the invocation waiting until the
/// function timeout (a 504 after a minute; issue 24, S6). No byte for five seconds is a stall however fast the
/// body began.
/// </summary>
internal sealed class StalledBodyGuard(Stream inner, TimeSpan idleTimeout) : Stream
{
    /// <summary>How long a body may send nothing before it is answered 408.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException(
                $"The request body sent nothing for {idleTimeout.TotalSeconds:0} seconds.", StatusCodes.Status408RequestTimeout);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The forward reads asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
