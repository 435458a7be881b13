using System.Diagnostics;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Functions;

/// <summary>Builds InvocationRequests as the host sends them.</summary>
internal static class Invocations
{
    public static InvocationRequest Create(FunctionDescriptor function, string invocationId, TypedData triggerData)
    {
        Activity.Current?.SetTag(Telemetry.HostTraceListener.FunctionTag, function.Name);
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = function.FunctionId,
            // The worker reads the trace context of every invocation; an absent one is not allowed. Over HTTP it is
            // the request's activity, which continues the caller's traceparent (HostTraceListener).
            TraceContext = new RpcTraceContext { TraceParent = Activity.Current?.Id ?? NewTraceParent() },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = triggerData });
        return request;
    }

    /// <summary>
    /// With HTTP proxying the trigger's RpcHttp is empty: the request itself goes to the worker's Kestrel.
    /// Route values go in the trigger metadata, where the worker binds function parameters from them.
    /// </summary>
    public static InvocationRequest CreateHttp(FunctionDescriptor function, string invocationId, IEnumerable<KeyValuePair<string, object?>> routeValues)
    {
        var request = Create(function, invocationId, new TypedData { Http = new RpcHttp() });
        foreach (var (name, value) in routeValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
            }
        }

        return request;
    }

    private static string NewTraceParent() => $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
}
