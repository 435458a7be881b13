using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Identity;

/// <summary>
/// The one place the app learns who is calling. The client-principal headers are trusted only where the
/// platform's authentication is on (<c>WEBSITE_AUTH_ENABLED</c> true: App Service, or DevHost emulating
/// it), because only there does the platform remove any copy a client sends. Anywhere else they are
/// ignored and every request is anonymous. Functions read the result with <see cref="CallerExtensions.Caller"/>.
/// </summary>
internal sealed partial class CallerMiddleware(IConfiguration configuration, ILogger<CallerMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    private readonly bool _platformAuthentication = bool.TryParse(configuration[AuthEnabledSetting], out var enabled) && enabled;

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            if (_platformAuthentication)
            {
                if (ClientPrincipalHeaders.Read(http.Request.Headers) is { } caller)
                {
                    http.Features.Set(caller);
                }
            }
            else if (ClientPrincipalHeaders.AnyPresent(http.Request.Headers))
            {
                LogIgnored(logger, context.FunctionDefinition.Name);
            }
        }

        return next(context);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "Function {FunctionName}: client-principal headers ignored, the platform's authentication is not on here (WEBSITE_AUTH_ENABLED)")]
    private static partial void LogIgnored(ILogger logger, string functionName);
}
