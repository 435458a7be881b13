using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions;

// Health data never reaches a log: diseases, counts, statuses and timings only.
internal static partial class Log
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scored {Count} {Disease} patient(s) with version {Version} in {ElapsedMicroseconds} µs")]
    public static partial void Scored(ILogger logger, int count, string disease, string version, long elapsedMicroseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Rejected a {Disease} request with {Status}: {ErrorCount} field error(s)")]
    public static partial void Rejected(ILogger logger, string disease, int status, int errorCount);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Rejected a {Disease} what-if with {Status}: {ErrorCount} field error(s)")]
    public static partial void WhatIfRejected(ILogger logger, string disease, int status, int errorCount);
}
