using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People;

// Who a person is (ids, names, e-mails) and what they entered never reach a log: outcomes, counts, diseases and timings only.
internal static partial class Log
{
    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Saved a {Disease} prediction to a history in {ElapsedMs:0.0} ms")]
    public static partial void PredictionSaved(ILogger logger, string disease, double elapsedMs);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "A {Disease} prediction was answered but not saved: {Reason}")]
    public static partial void PredictionNotSaved(ILogger logger, string disease, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Function {FunctionName}: people's storage unavailable ({Reason}); answered 503")]
    public static partial void StoreUnavailable(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Function {FunctionName}: {Outcome}")]
    public static partial void Answered(ILogger logger, string functionName, string outcome);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Erased {Rows} row(s) of one person (finished: {Finished})")]
    public static partial void Erased(ILogger logger, int rows, bool finished);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Information, Message = "Exported {Predictions} prediction(s) and {Suggestions} suggestion(s) of one person")]
    public static partial void Exported(ILogger logger, int predictions, int suggestions);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Saved {Count} suggestion(s) with a prediction")]
    public static partial void SuggestionsSaved(ILogger logger, int count);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Warning, Message = "Suggestions were answered but not saved: {Reason}")]
    public static partial void SuggestionsNotSaved(ILogger logger, string reason);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "An export stopped after {Predictions} prediction(s): people's storage failed ({Reason}); the connection was aborted")]
    public static partial void ExportBroken(ILogger logger, int predictions, string reason);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "A {Disease} prediction was retried with its Idempotency-Key: answered with the saved one, nothing saved")]
    public static partial void PredictionReplayed(ILogger logger, string disease);
}
