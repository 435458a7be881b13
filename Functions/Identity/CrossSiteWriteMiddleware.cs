using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Identity;

/// <summary>
/// Finds a signed-in person's writes that another site's page sent (<see cref="WriteOrigin"/>), in one place for every
/// route: the caller is then <see cref="Caller.FromAnotherSite"/>, so that what would save for them does not (a
/// prediction still answers, marked not saved with the reason; the assistant asked about a saved result answers 403),
/// and a route whose every write changes the person's data (<see cref="CrossSiteRefusals"/>, named by its feature)
/// answers 403 before it runs. Runs after <see cref="CallerMiddleware"/>.
/// </summary>
internal sealed partial class CrossSiteWriteMiddleware(
    WriteOrigin origins, IOptions<CrossSiteRefusals> refusals, ILogger<CrossSiteWriteMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && http.Request.Caller() is { } caller
            && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            && !origins.IsTrusted(http.Request))
        {
            http.Features.Set(caller with { FromAnotherSite = true });
            LogRefused(logger, context.FunctionDefinition.Name);
            if (refusals.Value.Functions.Contains(context.FunctionDefinition.Name))
            {
                await IdentityProblems.CrossSiteWrite().ExecuteAsync(http);
                return;
            }
        }

        await next(context);
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "Function {FunctionName}: a signed-in write from another site's page was refused")]
    private static partial void LogRefused(ILogger logger, string functionName);
}

/// <summary>The functions whose every unsafe method changes the signed-in person's data; each feature adds its own (<see cref="IdentityExtensions.RefuseCrossSiteWrites"/>).</summary>
internal sealed class CrossSiteRefusals
{
    public HashSet<string> Functions { get; } = new(StringComparer.Ordinal);
}
