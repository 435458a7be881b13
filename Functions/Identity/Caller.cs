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

    /// <summary>
    /// True when this request writes and was sent by another site's page (<see cref="CrossSiteWriteMiddleware"/>): the
    /// person's cookie came along, their consent did not, so nothing is saved or changed for them.
    /// </summary>
    public bool FromAnotherSite { get; init; }

    /// <summary>Never the id or the name, should a caller ever end up in a log or an exception message.</summary>
    public override string ToString() => $"Caller ({IdentityProvider})";
}
