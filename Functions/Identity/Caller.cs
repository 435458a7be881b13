namespace HealthOracle.Functions.Identity;

/// <summary>
/// The signed-in person behind a request, as the platform's authentication vouched for them: the identity
/// provider, its stable id for the person (in Entra ID the object id) and a display name. The name can
/// change and is never stored or logged; <see cref="PersonKey"/> is what storage sees.
/// </summary>
internal sealed record Caller(string IdentityProvider, string UserId, string? Name)
{
    /// <summary>The key of this person's rows: a hash of the provider and id, never the id, a name or an e-mail.</summary>
    public string PersonKey { get; } = Identity.PersonKey.For(IdentityProvider, UserId);

    /// <summary>Never the id or the name, should a caller ever end up in a log or an exception message.</summary>
    public override string ToString() => $"Caller ({IdentityProvider})";
}
