using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// The public HTTP port: <c>/admin/*</c> to the admin API, everything else matched against the HTTP
/// functions' routes, key-checked, and forwarded to the worker. CORS runs before this (see Program).
/// </summary>
internal sealed class FrontDoor(WorkerSupervisor supervisor, KeyAuthorizer keys, HttpFunctionInvoker invoker, AdminApi admin)
{
    /// <summary>How long a request waits for a starting or restarting worker before 503.</summary>
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/admin", out var adminPath))
        {
            await admin.HandleAsync(context, adminPath);
            return;
        }

        var worker = supervisor.Current ?? await WaitForWorkerAsync(context.RequestAborted);
        if (worker is null)
        {
            await HttpFunctionInvoker.WriteStatusAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker is starting; try again shortly.");
            return;
        }

        var match = worker.Routes.Match(context);
        if (match.Route is null)
        {
            if (match.AllowedMethods.Count > 0)
            {
                context.Response.Headers.Allow = string.Join(", ", match.AllowedMethods);
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!keys.IsAuthorized(context.Request, match.Route.Function.Trigger.AuthLevel))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
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
