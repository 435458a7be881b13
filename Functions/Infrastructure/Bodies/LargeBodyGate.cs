using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Infrastructure.Bodies;

/// <summary>Settings of <see cref="LargeBodyGate"/> (section <c>LargeBodies</c>).</summary>
internal sealed class LargeBodyGateOptions
{
    public const string Section = "LargeBodies";

    /// <summary>A body longer than this (bytes), or of unannounced length, is large. One patient is far below it.</summary>
    public int ThresholdBytes { get; set; } = 64 * 1024;

    /// <summary>How many large bodies the instance works on at once; the others wait their turn.</summary>
    public int MaxConcurrent { get; set; } = 2;
}

/// <summary>
/// Bounds the worker's memory under large bodies: at most <see cref="LargeBodyGateOptions.MaxConcurrent"/>
/// requests with a large body (a batch of up to a megabyte, its thousand answers) are read and worked on at
/// once; the others wait, unread, for a turn (in Kestrel's buffers, which are bounded). Sixteen clients
/// sending a megabyte each took an instance from 183 to 359 MB, a GC heap of 131 MB held after the load
/// (bench/memory/README.md); what an instance holds at once no longer grows with the number of such callers.
/// A caller who gives up while waiting is not worked on. Small bodies (one patient, chat, a profile) never wait.
/// </summary>
internal sealed class LargeBodyGate(IOptions<LargeBodyGateOptions> options) : IFunctionsWorkerMiddleware, IDisposable
{
    private readonly int _threshold = options.Value.ThresholdBytes;

    private readonly SemaphoreSlim _turns = new(Math.Max(1, options.Value.MaxConcurrent));

    /// <summary>How many large bodies wait for a turn now (for tests and diagnostics).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    private int _waiting;

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http || !IsLarge(http.Request))
        {
            await next(context);
            return;
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await _turns.WaitAsync(http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            await next(context);
        }
        finally
        {
            _turns.Release();
        }
    }

    private bool IsLarge(HttpRequest request) => request.ContentLength switch
    {
        { } length => length > _threshold,
        null => HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method),
    };

    public void Dispose() => _turns.Dispose();
}
