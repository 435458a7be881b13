using HealthOracle.Functions.People.History;
using HealthOracle.Functions.People.Profile;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.People.Identity;

/// <summary>
/// Refuses a signed-in person's writes that another site's page sent (<see cref="WriteOrigin"/>), in one place for
/// every route that writes: the <c>/api/me</c> routes that change data answer 403 before they run; a prediction still
/// answers, marked not saved with the reason (the recorder sees <see cref="CrossSiteWrite"/>); the assistant asked
/// about a saved result answers 403 (<see cref="SavedPredictions"/> sees it). Runs after <see cref="CallerMiddleware"/>.
/// </summary>
internal sealed partial class CrossSiteWriteMiddleware(WriteOrigin origins, ILogger<CrossSiteWriteMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <summary>The People routes whose every unsafe method changes the person's data.</summary>
    private static readonly HashSet<string> PeopleWrites = [MeFunction.Name, ProfileFunction.Name, PredictionFunction.Name, SuggestionFunction.Name];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && http.Request.Caller() is not null
            && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            && !origins.IsTrusted(http.Request))
        {
            http.Features.Set(new CrossSiteWrite());
            LogRefused(logger, context.FunctionDefinition.Name);
            if (PeopleWrites.Contains(context.FunctionDefinition.Name))
            {
                await PeopleProblems.CrossSiteWrite().ExecuteAsync(http);
                return;
            }
        }

        await next(context);
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Function {FunctionName}: a signed-in write from another site's page was refused")]
    private static partial void LogRefused(ILogger logger, string functionName);
}
