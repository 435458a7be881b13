using System.Collections.Concurrent;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Workers;

/// <summary>Prints the worker's RpcLog messages as DevHost log lines, under the worker's own category.</summary>
internal sealed class WorkerLogRelay(ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new();

    public void Write(RpcLog log)
    {
        var category = log.Category is { Length: > 0 } name ? name : "Worker";
        var logger = _loggers.GetOrAdd(category, loggerFactory.CreateLogger);
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        if (level == LogLevel.None || !logger.IsEnabled(level))
        {
            return;
        }

        // The worker already rendered the message; it is passed through as-is, never re-formatted.
        if (log.Exception is { } exception)
        {
            logger.Log(level, "{Message}{NewLine}{ExceptionMessage}{NewLine}{StackTrace}", log.Message, Environment.NewLine, exception.Message, Environment.NewLine, exception.StackTrace);
        }
        else
        {
            logger.Log(level, "{Message}", log.Message);
        }
    }
}
