using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Models;

internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Model {Disease} version {Version} loaded in {LoadMilliseconds} ms ({Bytes} bytes)")]
    public static partial void ModelLoaded(ILogger logger, string disease, string version, double loadMilliseconds, long bytes);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Model {Disease} could not be loaded: {Reason}")]
    public static partial void ModelLoadFailed(ILogger logger, string disease, ModelUnavailableReason reason, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Model {Disease}: a caller waited {Seconds} s for the first load and was answered 503; the load goes on")]
    public static partial void FirstLoadWaitExceeded(ILogger logger, string disease, double seconds);
}
