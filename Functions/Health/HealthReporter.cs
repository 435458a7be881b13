using HealthOracle.Functions.Models;

namespace HealthOracle.Functions.Health;

/// <summary>Reads the registry's slots into the health report.</summary>
internal sealed class HealthReporter(ModelRegistry registry)
{
    public HealthReport Report()
    {
        var models = new Dictionary<string, ModelHealth>(StringComparer.Ordinal);
        foreach (var slot in registry.Slots)
        {
            var current = Volatile.Read(ref slot.Current);
            models[slot.Disease] = new ModelHealth(
                current is not null,
                current?.Entry.Version,
                current?.Entry.Sha256,
                current?.LoadedAtUtc,
                current is null ? null : Math.Round(current.LoadMilliseconds, 1),
                slot.Refused is { } refused ? new RefusedHealth(refused.Version, refused.Reason) : null,
                slot.LastRefreshUtc);
        }

        return new HealthReport("ok", models);
    }
}
