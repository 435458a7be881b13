using HealthOracle.Diseases;

namespace HealthOracle.Functions.WarmUp;

/// <summary>What the warm-up timer keeps warm.</summary>
internal sealed class WarmUpOptions
{
    public const string Section = "WarmUp";

    /// <summary>The word that preloads no disease (the models then load on their first call only).</summary>
    public const string None = "none";

    /// <summary>Comma list of the diseases to load when they are not loaded yet; unset or empty, every disease; <c>none</c>, none.</summary>
    public string? Preload { get; set; }

    /// <summary>An optional URL to GET after the refresh, e.g. the app's own /api/health through its public address.</summary>
    public string? PingUrl { get; set; }

    /// <summary>
    /// After a prediction, refresh this instance's models in the background when its last refresh (or first
    /// load) is older than this; default 300 s, 0 turns the check off. Keeps HTTP instances current where the
    /// timer does not run on them (Flex Consumption scales timer functions apart from HTTP functions).
    /// </summary>
    public int StaleAfterSeconds { get; set; } = 300;

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(0, StaleAfterSeconds));

    public IReadOnlySet<string> PreloadSet => Preload?.Trim() switch
    {
        null or "" => DiseaseCatalog.Keys.ToHashSet(),
        var list when list.Equals(None, StringComparison.OrdinalIgnoreCase) => new HashSet<string>(),
        var list => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant()).ToHashSet(),
    };
}
