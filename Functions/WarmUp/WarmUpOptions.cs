using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;

namespace HealthOracle.Functions.WarmUp;

/// <summary>What the warm-up timer keeps warm.</summary>
internal sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>Comma list of the diseases to load when they are not loaded yet; default every disease.</summary>
    public string Preload { get; set; } = string.Join(',', DiseaseCatalog.Keys);

    /// <summary>An optional URL to GET after the refresh, e.g. the app's own /api/health through its public address.</summary>
    public string? PingUrl { get; set; }

    /// <summary>
    /// After a prediction, refresh this instance's models in the background when its last refresh (or first
    /// load) is older than this; default 300 s, 0 turns the check off. Keeps HTTP instances current where the
    /// timer does not run on them (Flex Consumption scales timer functions apart from HTTP functions).
    /// </summary>
    public int StaleAfterSeconds { get; set; } = 300;

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(0, StaleAfterSeconds));

    public IReadOnlySet<string> PreloadSet =>
        Preload.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant()).ToHashSet();
}
