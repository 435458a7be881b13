using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// The one place unhandled exceptions end: logged (the function and the exception, never the request's
/// body), then a 500 problem for HTTP triggers. A caller that went away is not an error, even when its
/// cancellation arrives wrapped in an <see cref="AggregateException"/>.
/// </summary>
internal sealed partial class ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsCancellation(e) && context.CancellationToken.IsCancellationRequested)
        {
            LogCanceled(logger, context.FunctionDefinition.Name, context.InvocationId);
        }
        catch (Exception e)
        {
            LogUnhandled(logger, context.FunctionDefinition.Name, context.InvocationId, e);
            if (context.GetHttpContext() is { Response.HasStarted: false } http)
            {
                http.Response.Headers.Clear();
                await Problems.Unexpected().ExecuteAsync(http);
            }
            else
            {
                throw;
            }
        }
    }

    /// <summary>
    /// A cancellation, also when wrapped: the Azure SDK's retries and <c>Task.WhenAll</c> report one as an
    /// <see cref="AggregateException"/> of cancellations.
    /// </summary>
    internal static bool IsCancellation(Exception exception) => exception switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(IsCancellation),
        _ => false,
    };

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed")]
    private static partial void LogUnhandled(ILogger logger, string functionName, string invocationId, Exception exception);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "Function {FunctionName} invocation {InvocationId} was canceled by its caller")]
    private static partial void LogCanceled(ILogger logger, string functionName, string invocationId);
}
