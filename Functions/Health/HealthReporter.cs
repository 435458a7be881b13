using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Models;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Health;

/// <summary>Reads the registry's snapshot into the health report.</summary>
internal sealed class HealthReporter(ModelRegistry registry, IOptions<GeminiOptions> gemini)
{
    public HealthReport Report()
    {
        var models = new Dictionary<string, ModelHealth>(StringComparer.Ordinal);
        foreach (var state in registry.Snapshot())
        {
            models[state.Disease] = new ModelHealth(
                state.Loaded,
                state.Entry?.Version,
                state.Entry?.Sha256,
                state.LoadedAtUtc,
                state.LoadMilliseconds is { } milliseconds ? Math.Round(milliseconds, 1) : null,
                state.Refused is { } refused ? new RefusedHealth(refused.Version, refused.Reason) : null,
                state.LastRefreshUtc);
        }

        return new HealthReport("ok", models, new ChatHealth(gemini.Value.IsConfigured));
    }
}
