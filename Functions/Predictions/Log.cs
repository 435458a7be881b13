using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions;

// Health data never reaches a log: diseases, counts, statuses and timings only.
internal static partial class Log
{
    // Debug: at Information every answered request would send one more log record to the host (and a trace to Application
    // Insights) that the scoring span and metrics already carry (PredictionTelemetry); bench/devhost/README, "A log per request".
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Scored {Count} {Disease} patient(s) with version {Version} in {ElapsedMicroseconds} µs")]
    public static partial void Scored(ILogger logger, int count, string disease, string version, long elapsedMicroseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Rejected a {Disease} request with {Status}: {ErrorCount} field error(s)")]
    public static partial void Rejected(ILogger logger, string disease, int status, int errorCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Rejected a {Disease} what-if with {Status}: {ErrorCount} field error(s)")]
    public static partial void WhatIfRejected(ILogger logger, string disease, int status, int errorCount);
}
