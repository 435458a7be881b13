using System.Globalization;
using System.Text.Json;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// A person signed in through DevHost's emulation of App Service Authentication with Microsoft Entra ID
/// (provider <c>aad</c>): the id and name the developer typed, and what the platform derives from them
/// (the client-principal headers for the worker, the <c>/.auth/me</c> answer for the browser).
/// </summary>
internal sealed record ClientPrincipal(string UserId, string UserName)
{
    public const string Provider = "aad";
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string NameIdentifierClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
    public const string EmailClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    public const string RoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    public const int MaxUserIdLength = 128;
    public const int MaxUserNameLength = 256;

    /// <summary>The claims as App Service passes them for Entra ID (after its claim mapping).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Claims =>
    [
        new(ObjectIdClaim, UserId),
        new(NameIdentifierClaim, UserId),
        new("name", UserName),
        new("preferred_username", UserName),
        new(EmailClaim, UserName),
    ];

    /// <summary>The four headers App Service adds to a signed-in request, in the order it documents them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers =>
    [
        new(PlatformHeaders.Principal, Convert.ToBase64String(PrincipalJson())),
        new(PlatformHeaders.PrincipalId, UserId),
        new(PlatformHeaders.PrincipalName, UserName),
        new(PlatformHeaders.PrincipalIdp, Provider),
    ];

    /// <summary>Why a user id cannot be used, or null when it can (it travels in a header and a cookie).</summary>
    public static string? CheckUserId(string? value) =>
        string.IsNullOrEmpty(value) ? "Enter a user id."
        : value.Length > MaxUserIdLength ? $"A user id has at most {MaxUserIdLength} characters."
        : !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@') ? "A user id has only letters, digits and - . _ @ (an Entra object id is a GUID)."
        : null;

    /// <summary>Why a user name cannot be used, or null when it can (it travels in a header: printable ASCII).</summary>
    public static string? CheckUserName(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "Enter a name."
        : value.Length > MaxUserNameLength ? $"A name has at most {MaxUserNameLength} characters."
        : value.Trim() != value || !value.All(c => c is >= ' ' and <= '~') ? "A name has only printable ASCII characters (as an e-mail address or user principal name), with no space at either end."
        : null;

    /// <summary>The decoded <c>X-MS-CLIENT-PRINCIPAL</c>: <c>{ auth_typ, claims: [{ typ, val }], name_typ, role_typ }</c>.</summary>
    public byte[] PrincipalJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("auth_typ", Provider);
            WriteClaims(json, "claims");
            json.WriteString("name_typ", EmailClaim);
            json.WriteString("role_typ", RoleClaim);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The body of <c>GET /.auth/me</c>: an array with one entry per provider signed in with.</summary>
    public byte[] MeJson(DateTimeOffset expiresOn)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("provider_name", Provider);
            json.WriteString("user_id", UserName);
            WriteClaims(json, "user_claims");
            json.WriteString("expires_on", expiresOn.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private void WriteClaims(Utf8JsonWriter json, string property)
    {
        json.WriteStartArray(property);
        foreach (var (type, value) in Claims)
        {
            json.WriteStartObject();
            json.WriteString("typ", type);
            json.WriteString("val", value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Never the id or the name: a principal that reaches a log says nothing about the person.</summary>
    public override string ToString() => nameof(ClientPrincipal);
}
