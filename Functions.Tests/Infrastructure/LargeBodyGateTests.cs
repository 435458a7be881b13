using System.Text;
using HealthOracle.Functions.Infrastructure.Bodies;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class LargeBodyGateTests
{
    private const int Threshold = 1024;

    [Fact]
    public async Task Invoke_LargeBodiesBeyondTheLimit_WaitUnreadUntilATurnIsFree()
    {
        using var gate = Gate(maxConcurrent: 2);
        var release = new TaskCompletionSource();
        var started = 0;
        FunctionExecutionDelegate function = async _ =>
        {
            Interlocked.Increment(ref started);
            await release.Task;
        };

        var running = Enumerable.Range(0, 5).Select(_ => gate.Invoke(Context(Post(Threshold + 1)), function)).ToArray();
        await WaitUntil(() => gate.Waiting == 3);

        // Two at work, three waiting: none of the waiting ones has reached the function.
        Assert.Equal(2, Volatile.Read(ref started));
        release.SetResult();
        await Task.WhenAll(running);
        Assert.Equal(5, started);
        Assert.Equal(0, gate.Waiting);
    }

    [Theory]
    [InlineData("POST", Threshold)]
    [InlineData("POST", 0)]
    [InlineData("GET", null)]
    public async Task Invoke_SmallOrNoBody_NeverWaits(string method, int? length)
    {
        using var gate = Gate(maxConcurrent: 1);
        var hold = new TaskCompletionSource();
        var holding = gate.Invoke(Context(Post(Threshold + 1)), _ => hold.Task);

        // The one turn is taken by a large body; a small one still runs at once.
        var ran = false;
        var http = Request(method, length);
        await gate.Invoke(Context(http), _ => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        hold.SetResult();
        await holding;
    }

    [Fact]
    public async Task Invoke_BodyOfUnannouncedLength_IsLarge()
    {
        using var gate = Gate(maxConcurrent: 1);
        var hold = new TaskCompletionSource();
        var holding = gate.Invoke(Context(Post(Threshold + 1)), _ => hold.Task);

        var chunked = gate.Invoke(Context(Request("POST", null)), _ => Task.CompletedTask);
        await WaitUntil(() => gate.Waiting == 1);

        Assert.False(chunked.IsCompleted);
        hold.SetResult();
        await Task.WhenAll(holding, chunked);
    }

    [Fact]
    public async Task Invoke_CallerGoneWhileWaiting_IsNotWorkedOn()
    {
        using var gate = Gate(maxConcurrent: 1);
        var hold = new TaskCompletionSource();
        var holding = gate.Invoke(Context(Post(Threshold + 1)), _ => hold.Task);
        using var gone = new CancellationTokenSource();
        var http = Post(Threshold + 1);
        http.RequestAborted = gone.Token;
        var ran = false;

        var waiting = gate.Invoke(Context(http), _ => { ran = true; return Task.CompletedTask; });
        await WaitUntil(() => gate.Waiting == 1);
        await gone.CancelAsync();
        await waiting;

        Assert.False(ran);
        Assert.Equal(0, gate.Waiting);
        hold.SetResult();
        await holding;

        // The turn the gone caller never took is free for the next one.
        var next = false;
        await gate.Invoke(Context(Post(Threshold + 1)), _ => { next = true; return Task.CompletedTask; });
        Assert.True(next);
    }

    private static LargeBodyGate Gate(int maxConcurrent) =>
        new(Options.Create(new LargeBodyGateOptions { ThresholdBytes = Threshold, MaxConcurrent = maxConcurrent }));

    private static TestFunctionContext Context(HttpContext http) => new("HeartPrediction", http: http);

    private static DefaultHttpContext Post(int length) => Request("POST", length);

    private static DefaultHttpContext Request(string method, int? length)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        if (length is { } n)
        {
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', n)));
            http.Request.ContentLength = n;
        }

        return http;
    }

    // Waits for the other invocations to reach the gate (no fixed sleep: polls the observable state).
    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
