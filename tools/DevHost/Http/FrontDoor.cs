using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// The public HTTP port: <c>/.auth/*</c> to the sign-in emulation (when on), <c>/admin/*</c> to the admin
/// API, everything else matched against the HTTP functions' routes, key-checked, and forwarded to the
/// worker. CORS runs before this (see Program). Every answer of DevHost's own is a problem.
/// </summary>
internal sealed class FrontDoor(WorkerSupervisor supervisor, KeyAuthorizer keys, HttpFunctionInvoker invoker, AdminApi admin, EasyAuth auth, AuthEndpoints authEndpoints)
{
    /// <summary>How long a request waits for a starting or restarting worker before 503.</summary>
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(HttpContext context)
    {
        if (auth.Enabled && context.Request.Path.StartsWithSegments("/.auth", out var authPath))
        {
            await authEndpoints.HandleAsync(context, authPath);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/admin", out var adminPath))
        {
            await admin.HandleAsync(context, adminPath);
            return;
        }

        var worker = supervisor.Current ?? await WaitForWorkerAsync(context.RequestAborted);
        if (worker is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker is starting; try again shortly.");
            return;
        }

        var match = worker.Routes.Match(context);
        if (match.Route is null)
        {
            if (match.AllowedMethods.Count > 0)
            {
                var allow = string.Join(", ", match.AllowedMethods);
                await ProblemResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, $"This route allows {allow}.", allow: allow);
                return;
            }

            await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, "No function's route matches this path.");
            return;
        }

        var level = match.Route.Function.Trigger.AuthLevel;
        if (!keys.IsAuthorized(context.Request, level))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, KeyAuthorizer.Missing(level));
            return;
        }

        await invoker.InvokeAsync(context, worker, match.Route, match.Values!);
    }

    private async Task<WorkerHandle?> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await supervisor.WaitForWorkerAsync(cancellationToken).WaitAsync(WorkerWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
