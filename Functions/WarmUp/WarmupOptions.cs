using HealthOracle.Functions.Predictions.Schema;

namespace HealthOracle.Functions.WarmUp;

/// <summary>What the warm-up timer keeps warm.</summary>
internal sealed class WarmupOptions
{
    public const string Section = "Warmup";

    /// <summary>Comma list of the diseases to load when they are not loaded yet; default all four.</summary>
    public string Preload { get; set; } = string.Join(',', DiseaseSchemas.All.Select(s => s.Disease));

    /// <summary>An optional URL to GET after the refresh, e.g. the app's own /api/health through its public address.</summary>
    public string? PingUrl { get; set; }

    public IReadOnlySet<string> PreloadSet =>
        Preload.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => d.ToLowerInvariant()).ToHashSet();
}
