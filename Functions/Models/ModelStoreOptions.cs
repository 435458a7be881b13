namespace HealthOracle.Functions.Models;

/// <summary>
/// Where the models live and how callers are told to come back when one cannot load. Bound from the
/// model store's one section, <c>ModelStorage</c> (whose own value, or <c>serviceUri</c>, is the connection).
/// </summary>
internal sealed class ModelStoreOptions
{
    public const string Section = ModelStoreExtensions.ConnectionSection;

    /// <summary>The blob container that mirrors <c>models/</c>.</summary>
    public string Container { get; set; } = "models";

    /// <summary>The <c>Retry-After</c> seconds of a 503 when a model cannot be loaded right now.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>
    /// How long a caller waits for a model's first load before it is answered 503 + Retry-After (the load
    /// goes on for the next caller); default 10 s, well inside host.json's one-minute function timeout.
    /// </summary>
    public double FirstLoadWaitSeconds { get; set; } = 10;

    /// <summary>How long a first load may take in all before it is given up (a stalled store); default 45 s.</summary>
    public double LoadTimeoutSeconds { get; set; } = 45;

    public TimeSpan FirstLoadWait => TimeSpan.FromSeconds(Math.Clamp(FirstLoadWaitSeconds, 0.05, 50));

    public TimeSpan LoadTimeout => TimeSpan.FromSeconds(Math.Clamp(LoadTimeoutSeconds, 1, 600));
}
