namespace HealthOracle.Functions.Models;

/// <summary>Where the models live and how callers are told to come back when one cannot load.</summary>
internal sealed class ModelStoreOptions
{
    public const string Section = "ModelStore";

    /// <summary>The blob container that mirrors <c>models/</c>.</summary>
    public string Container { get; set; } = "models";

    /// <summary>The <c>Retry-After</c> seconds of a 503 when a model cannot be loaded right now.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
