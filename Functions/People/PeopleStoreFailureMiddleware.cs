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
        catch (PeopleStoreUnavailableException e) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            Log.StoreUnavailable(logger, context.FunctionDefinition.Name, e.Reason.ToString());
            http.Response.Headers.Clear();
            await PeopleProblems.Unavailable(e.Reason, options.Value.RetryAfterSeconds).ExecuteAsync(http);
        }
    }
}
