namespace HealthOracle.Functions.People.Storage;

/// <summary>People's table cannot be used right now (not configured, unreachable, refused); <see cref="Reason"/> says which, without any data.</summary>
internal sealed class PeopleStoreUnavailableException(PeopleStoreFailure reason, Exception? inner = null)
    : Exception($"People's storage is unavailable: {reason}.", inner)
{
    public PeopleStoreFailure Reason { get; } = reason;
}

internal enum PeopleStoreFailure
{
    /// <summary>No <c>PeopleStorage</c> setting: accounts are off on this server.</summary>
    NotConfigured,

    /// <summary>The table service did not answer (down, timed out, network).</summary>
    Unreachable,

    /// <summary>The table service answered with an error (a refused credential or role, throttling, a server error).</summary>
    Refused,
}
