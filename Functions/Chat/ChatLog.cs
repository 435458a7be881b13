using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

// Chat text never reaches a log: only ids, sizes, token counts, timings and outcomes.
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information,
        "{Function} {RequestId} answered {FinishReason}: message {MessageChars} chars, history {HistoryTurns} turns / {HistoryBytes} bytes, prediction {HasPrediction}, reply {ReplyChars} chars, tokens {InputTokens} in / {OutputTokens} out, {ElapsedMs:0} ms")]
    public static partial void ChatAnswered(ILogger logger, string function, string requestId, string finishReason, int messageChars,
        int historyTurns, int historyBytes, bool hasPrediction, int replyChars, long? inputTokens, long? outputTokens, double elapsedMs);

    [LoggerMessage(5002, LogLevel.Information, "{Function} {RequestId} streamed {Chunks} chunks, {ReplyChars} chars, finish {FinishReason}, {ElapsedMs:0} ms")]
    public static partial void ChatStreamed(ILogger logger, string function, string requestId, int chunks, int replyChars, string finishReason, double elapsedMs);

    [LoggerMessage(5003, LogLevel.Information, "{Function} {RequestId} refused with {Status}: {Fields}")]
    public static partial void ChatRefused(ILogger logger, string function, string requestId, int status, string fields);

    [LoggerMessage(5004, LogLevel.Warning, "{Function} {RequestId} rate-limited; retry after {RetryAfterSeconds} s")]
    public static partial void ChatRateLimited(ILogger logger, string function, string requestId, int retryAfterSeconds);

    [LoggerMessage(5005, LogLevel.Warning, "{Function} {RequestId} failed with {Status}: {Reason}")]
    public static partial void ChatFailed(ILogger logger, string function, string requestId, int status, string reason);

    [LoggerMessage(5006, LogLevel.Warning, "{Function} {RequestId} stream broke off after {Chunks} chunks: {Reason}")]
    public static partial void ChatStreamBroken(ILogger logger, string function, string requestId, int chunks, string reason);

    [LoggerMessage(5010, LogLevel.Information,
        "Gemini ({Target}) {Model} answered {FinishReason}, tokens {InputTokens} in / {OutputTokens} out, {ElapsedMs:0} ms")]
    public static partial void GeminiAnswered(ILogger logger, string target, string model, string? finishReason, long? inputTokens, long? outputTokens, double elapsedMs);

    [LoggerMessage(5011, LogLevel.Information, "Gemini ({Target}) {Model} streamed {Chunks} chunks in {ElapsedMs:0} ms")]
    public static partial void GeminiStreamed(ILogger logger, string target, string model, int chunks, double elapsedMs);

    [LoggerMessage(5012, LogLevel.Warning, "Gemini ({Target}) {Model} answered HTTP {Status} {ErrorStatus} after retries")]
    public static partial void GeminiFailed(ILogger logger, string target, string model, int status, string? errorStatus);

    [LoggerMessage(5013, LogLevel.Warning, "Gemini ({Target}) {Model} timed out after {ElapsedMs:0} ms")]
    public static partial void GeminiTimedOut(ILogger logger, string target, string model, double elapsedMs);
}
