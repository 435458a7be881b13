using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.WarmUp;

internal static partial class Log
{
    public static void Summary(ILogger logger, RefreshSummary summary)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        int Count(string action) => summary.Models.Count(m => m.Action == action);
        var details = string.Join("; ", summary.Models.Where(m => m.Action is not ("skipped" or "unchanged")).Select(m =>
            $"{m.Disease} {m.Action} {m.Version}{(m.PreviousVersion is { } p ? " (was " + p + ")" : string.Empty)}{(m.Reason is { } r ? ": " + r : string.Empty)} in {m.Milliseconds} ms"));
        RefreshCompleted(logger, summary.Manifest, Count("loaded"), Count("swapped"), Count("refused"), Count("failed"), summary.PingStatus, summary.ElapsedMilliseconds, details);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Warm-up refresh: manifest {Manifest}; {Loaded} loaded, {Swapped} swapped, {Refused} refused, {Failed} failed; ping {PingStatus}; {ElapsedMilliseconds} ms. {Details}")]
    private static partial void RefreshCompleted(
        ILogger logger, string manifest, int loaded, int swapped, int refused, int failed, int? pingStatus, double elapsedMilliseconds, string details);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Warm-up ping failed: {ErrorType}")]
    public static partial void PingFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "The {Disease} model on this instance was loaded or last refreshed {AgeSeconds} s ago: refreshing in the background")]
    public static partial void StaleRefreshStarted(ILogger logger, string disease, long ageSeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Background model refresh failed: {ErrorType}")]
    public static partial void StaleRefreshFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Warm-up refresh of {Disease} failed unexpectedly; the other diseases are refreshed")]
    public static partial void RefreshFailed(ILogger logger, string disease, Exception exception);
}
