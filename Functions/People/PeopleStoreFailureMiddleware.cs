using HealthOracle.Functions.People.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.People;

/// <summary>
/// Any function that needs people's storage and cannot reach it answers 503 problem+json (with
/// <c>Retry-After</c> when it will pass), one way, instead of each function catching it.
/// </summary>
internal sealed class PeopleStoreFailureMiddleware(IOptions<PeopleOptions> options, ILogger<PeopleStoreFailureMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (Unavailable(e) is { } unavailable && context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            Log.StoreUnavailable(logger, context.FunctionDefinition.Name, unavailable.Reason.ToString());
            http.Response.Headers.Clear();
            await PeopleProblems.Unavailable(unavailable.Reason, options.Value.RetryAfterSeconds).ExecuteAsync(http);
        }
    }

    // The worker's invoker hands a function's failure on wrapped in an AggregateException.
    private static PeopleStoreUnavailableException? Unavailable(Exception exception) => exception switch
    {
        PeopleStoreUnavailableException unavailable => unavailable,
        AggregateException { InnerExceptions: [PeopleStoreUnavailableException unavailable] } => unavailable,
        _ => null,
    };
}
