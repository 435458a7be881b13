using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// Kestrel answers a request it cannot read (malformed request line or headers: 400; request line too
/// long: 414; headers too large: 431; headers too slow: 408) itself, before any middleware runs, with an
/// empty body. On the API port DevHost gives those answers the problem+json body its other answers have:
/// a connection middleware watches what Kestrel writes while no request of that connection is inside
/// DevHost's pipeline, and rewrites an error status with <c>Content-Length: 0</c> and nothing after it.
/// Everything written while a request is inside the pipeline (every answer of DevHost or the worker)
/// passes through untouched. The pipeline's own failures are caught here too, so that nothing on this
/// port answers an empty 5xx.
/// </summary>
internal static partial class KestrelErrorBodies
{
    private static readonly object TrackerKey = new();

    /// <summary>Installs the rewriting on a listener (HTTP/1.1 only).</summary>
    public static void UseProblemBodies(this ListenOptions listen) => listen.Use(next => async connection =>
    {
        var tracker = new PipelineTracker();
        connection.Items[TrackerKey] = tracker;
        var transport = connection.Transport;
        var output = PipeWriter.Create(new ErrorBodyStream(transport.Output.AsStream(leaveOpen: true), tracker), new StreamPipeWriterOptions(leaveOpen: true));
        connection.Transport = new DuplexPipe(transport.Input, output);
        try
        {
            await next(connection);
        }
        finally
        {
            await output.CompleteAsync();
            connection.Transport = transport;
        }
    });

    /// <summary>
    /// The first middleware of the API port: marks the request as inside the pipeline until Kestrel has
    /// finished it, and answers a failure of the pipeline itself as a problem.
    /// </summary>
    public static IApplicationBuilder UseProblemBodies(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KestrelErrorBodies));
        return app.Use(async (context, next) =>
        {
            if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(TrackerKey, out var found) == true && found is PipelineTracker tracker)
            {
                tracker.Enter();
                context.Response.OnCompleted(() =>
                {
                    tracker.Exit();
                    return Task.CompletedTask;
                });
            }

            try
            {
                await next(context);
            }
            catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (!context.Response.HasStarted)
            {
                await ProblemResponses.WriteAsync(context, ex.StatusCode, Detail(ex.StatusCode));
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                LogPipelineFailed(logger, ex);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "DevHost failed while handling this request; its log has the error.");
            }
        });
    }

    /// <summary>
    /// Kestrel's own empty error answer (<paramref name="response"/> is its whole header block) with a
    /// problem body, or null for anything else.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> response)
    {
        var text = Encoding.Latin1.GetString(response);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || text.Length < 12
            || !int.TryParse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < 400
            || text.IndexOf("\r\n\r\n", StringComparison.Ordinal) != text.Length - 4)
        {
            return null;
        }

        var lines = text[..^4].Split("\r\n");
        var headers = lines.Skip(1).ToList();
        if (!headers.Any(h => h.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase))
            || headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase) || h.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var body = ProblemResponses.Serialize(status, Detail(status));
        var rewritten = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
        {
            rewritten.Append(header).Append("\r\n");
        }

        rewritten.Append(RequestIdHeaders.RequestId).Append(": ").Append(RequestIdHeaders.NewId()).Append("\r\n")
            .Append("Content-Type: ").Append(ProblemResponses.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(rewritten.ToString()), .. body];
    }

    private static string Detail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is not valid HTTP/1.1: its request line, a header or its body framing could not be read (a header name may have a character that is not allowed).",
        StatusCodes.Status408RequestTimeout => "The request did not arrive in time.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than DevHost accepts.",
        StatusCodes.Status414UriTooLong => "The request line (method, path and query) is longer than 8 KB, Kestrel's limit.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are larger than 32 KB, Kestrel's limit.",
        StatusCodes.Status505HttpVersionNotsupported => "DevHost serves HTTP/1.1 on this port.",
        _ => "Kestrel refused the request.",
    };

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "DevHost failed while handling a request")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception);

    /// <summary>Whether a request of the connection is inside DevHost's pipeline (requests on one connection come one at a time).</summary>
    private sealed class PipelineTracker
    {
        private int _inside;

        public bool Inside => Volatile.Read(ref _inside) > 0;

        public void Enter() => Interlocked.Increment(ref _inside);

        public void Exit() => Interlocked.Decrement(ref _inside);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The connection's output: straight through while a request is inside the pipeline, else held until flushed and rewritten.</summary>
    private sealed class ErrorBodyStream(Stream inner, PipelineTracker tracker) : Stream
    {
        private MemoryStream? _held;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_held is null && tracker.Inside)
            {
                return inner.WriteAsync(buffer, cancellationToken);
            }

            (_held ??= new MemoryStream()).Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_held is { } held)
            {
                _held = null;
                var bytes = held.ToArray();
                await inner.WriteAsync(Rewrite(bytes) ?? bytes, cancellationToken);
            }

            await inner.FlushAsync(cancellationToken);
        }

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override async ValueTask DisposeAsync()
        {
            await FlushAsync(CancellationToken.None);
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
