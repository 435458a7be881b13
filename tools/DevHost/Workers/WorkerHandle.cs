using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Http;

namespace HealthOracle.DevHost.Workers;

/// <summary>A running, initialized worker: its channel, its own HTTP address, its functions and routes.</summary>
internal sealed record WorkerHandle(
    WorkerChannel Channel,
    int ProcessId,
    Uri HttpUri,
    IReadOnlyList<FunctionDescriptor> Functions,
    HttpRouteTable Routes)
{
    public FunctionDescriptor? Find(string name) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
