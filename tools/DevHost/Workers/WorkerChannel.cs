using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Workers;

/// <summary>
/// One worker's side of <c>FunctionRpc/EventStream</c>: messages to the worker are queued and written by
/// one loop; responses are matched to their request (request id) or invocation (invocation id); logs go
/// to <see cref="WorkerLogRelay"/>.
/// </summary>
internal sealed class WorkerChannel(string workerId, WorkerLogRelay logs)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _requests = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private Exception? _failure;

    public string WorkerId { get; } = workerId;

    public Task Connected => _connected.Task;

    public Task Disconnected => _disconnected.Task;

    public async Task RunAsync(IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        _connected.TrySetResult();
        var writing = WriteAllAsync(writer, cancellationToken);
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
        {
            // The worker went away; Fail below tells everyone who waits on it.
        }
        finally
        {
            Fail(new WorkerUnavailableException($"Worker {WorkerId} disconnected."));
        }

        try
        {
            await writing;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
        {
            // Writing to a closed stream; nothing left to deliver.
        }
    }

    /// <summary>Sends a request and waits for the worker's answer with the same request id.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var pending = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[message.RequestId] = pending;
        try
        {
            Send(message);
            return await pending.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _requests.TryRemove(message.RequestId, out _);
        }
    }

    /// <summary>Starts an invocation; the task completes with the worker's InvocationResponse.</summary>
    public Task<InvocationResponse> InvokeAsync(InvocationRequest request)
    {
        var pending = new TaskCompletionSource<InvocationResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        _invocations[request.InvocationId] = pending;
        Send(new StreamingMessage { InvocationRequest = request });
        return pending.Task;
    }

    /// <summary>Asks the worker to cancel (it signals the function's CancellationToken) and stops waiting.</summary>
    public void Cancel(string invocationId)
    {
        if (_invocations.TryRemove(invocationId, out var pending))
        {
            pending.TrySetCanceled();
            _outbound.Writer.TryWrite(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = invocationId } });
        }
    }

    public void Send(StreamingMessage message)
    {
        if (_failure is not null || !_outbound.Writer.TryWrite(message))
        {
            throw _failure ?? new WorkerUnavailableException($"Worker {WorkerId} is not connected.");
        }
    }

    public void Fail(Exception failure)
    {
        _failure ??= failure;
        _outbound.Writer.TryComplete();
        foreach (var (id, pending) in _requests)
        {
            pending.TrySetException(failure);
            _requests.TryRemove(id, out _);
        }

        foreach (var (id, pending) in _invocations)
        {
            pending.TrySetException(failure);
            _invocations.TryRemove(id, out _);
        }

        _connected.TrySetException(failure);
        _disconnected.TrySetResult();
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
        {
            await writer.WriteAsync(message, cancellationToken);
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                logs.Write(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation))
                {
                    invocation.TrySetResult(message.InvocationResponse);
                }

                break;
            default:
                if (_requests.TryGetValue(message.RequestId, out var request))
                {
                    request.TrySetResult(message);
                }

                break;
        }
    }
}

/// <summary>The worker is not running or not connected; callers answer 503 and the supervisor restarts it.</summary>
internal sealed class WorkerUnavailableException(string message) : Exception(message);
