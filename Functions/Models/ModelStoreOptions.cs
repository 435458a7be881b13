namespace HealthOracle.Functions.Models;

/// <summary>
/// Where the models live and how callers are told to come back when one cannot load. Bound from the
/// model store's one section, <c>ModelStorage</c> (whose own value, or <c>serviceUri</c>, is the connection);
/// the older section name <c>ModelStore</c> is still read, and <c>ModelStorage</c> wins where both are set.
/// </summary>
internal sealed class ModelStoreOptions
{
    public const string Section = ModelStoreExtensions.ConnectionSection;

    /// <summary>The section these settings had before they joined the connection's.</summary>
    public const string FormerSection = "ModelStore";

    /// <summary>The blob container that mirrors <c>models/</c>.</summary>
    public string Container { get; set; } = "models";

    /// <summary>The <c>Retry-After</c> seconds of a 503 when a model cannot be loaded right now.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
