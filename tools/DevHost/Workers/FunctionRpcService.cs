using Grpc.Core;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Workers;

/// <summary>The host side of <c>AzureFunctionsRpcMessages.FunctionRpc/EventStream</c>.</summary>
internal sealed partial class FunctionRpcService(WorkerRegistry registry, ILogger<FunctionRpcService> logger) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream,
        ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken)
            || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            LogNoStartStream(logger);
            return;
        }

        var workerId = requestStream.Current.StartStream.WorkerId;
        if (!registry.TryGet(workerId, out var channel))
        {
            LogUnknownWorker(logger, workerId);
            return;
        }

        await channel.RunAsync(requestStream, responseStream, context.CancellationToken);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "A stream opened without StartStream; closed")]
    private static partial void LogNoStartStream(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "StartStream from unknown worker {WorkerId}; closed")]
    private static partial void LogUnknownWorker(ILogger logger, string workerId);
}
