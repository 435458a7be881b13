using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// One feature's domain failures as problem answers (a model that cannot be served, storage that cannot be
/// reached, an upstream that failed). Each feature registers one; <see cref="DomainProblems"/> asks them all.
/// </summary>
internal interface IProblemMapper
{
    /// <summary>The problem for <paramref name="exception"/> when it is one of this feature's failures, else null.</summary>
    Problem? Map(Exception exception);
}

/// <summary>
/// The one place a domain exception becomes a problem: services throw their failures, function classes do not
/// catch them, and this middleware answers them (an HTML page route asks <see cref="TryMap"/> itself). The
/// worker's invoker may hand a failure on wrapped in an <see cref="AggregateException"/>.
/// </summary>
internal sealed partial class DomainProblems(IEnumerable<IProblemMapper> mappers, ILogger<DomainProblems> logger) : IFunctionsWorkerMiddleware
{
    private readonly IProblemMapper[] _mappers = [.. mappers];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (TryMap(e, out var problem) && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            LogAnswered(logger, context.FunctionDefinition.Name, problem.StatusCode, problem.Details.Title ?? "", Unwrap(e).GetType().Name);
            http.Response.Headers.Clear();
            await problem.ExecuteAsync(http);
        }
    }

    public bool TryMap(Exception exception, out Problem problem)
    {
        var inner = Unwrap(exception);
        foreach (var mapper in _mappers)
        {
            if (mapper.Map(inner) is { } mapped)
            {
                problem = mapped;
                return true;
            }
        }

        problem = null!;
        return false;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions: [var single] } ? Unwrap(single) : exception;

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Function {FunctionName} answered {Status} {Title} ({Failure})")]
    private static partial void LogAnswered(ILogger logger, string functionName, int status, string title, string failure);
}
