using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthOracle.Functions.Infrastructure.Telemetry;

/// <summary>
/// Records <c>healthoracle.coldstart.duration</c> once per worker process: from the process's start to the start of
/// its first invocation, with that invocation's function name. Registered only when telemetry is exported.
/// </summary>
internal sealed class ColdStartMiddleware : IFunctionsWorkerMiddleware
{
    private static readonly DateTimeOffset ProcessStartedUtc = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    private static int _recorded;

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (Volatile.Read(ref _recorded) == 0 && Interlocked.Exchange(ref _recorded, 1) == 0)
        {
            Record(context.FunctionDefinition.Name, DateTimeOffset.UtcNow - ProcessStartedUtc);
        }

        return next(context);
    }

    internal static void Record(string function, TimeSpan sinceProcessStart)
    {
        AppTelemetry.ColdStartDuration.Record(
            sinceProcessStart.TotalMilliseconds, new KeyValuePair<string, object?>(AppTelemetry.Attributes.Function, function));
        Activity.Current?.SetTag("healthoracle.coldstart", true);
    }
}
