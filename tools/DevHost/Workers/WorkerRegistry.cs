using System.Collections.Concurrent;

namespace HealthOracle.DevHost.Workers;

/// <summary>Worker ids DevHost started, so that a StartStream is matched to the process that sent it.</summary>
internal sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _channels = new();

    public void Add(WorkerChannel channel) => _channels[channel.WorkerId] = channel;

    public void Remove(string workerId) => _channels.TryRemove(workerId, out _);

    public bool TryGet(string workerId, out WorkerChannel channel) => _channels.TryGetValue(workerId, out channel!);
}
