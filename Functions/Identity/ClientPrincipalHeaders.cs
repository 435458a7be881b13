using System.Buffers.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Identity;

/// <summary>
/// Reads the caller from App Service Authentication's request headers (<c>X-MS-CLIENT-PRINCIPAL-ID</c>,
/// <c>-NAME</c>, <c>-IDP</c>; the id may also come from the <c>objectidentifier</c> claim of
/// <c>X-MS-CLIENT-PRINCIPAL</c>). Only meaningful where the platform strips client-sent copies: the
/// middleware calls this only when <c>WEBSITE_AUTH_ENABLED</c> is true.
/// </summary>
internal static class ClientPrincipalHeaders
{
    public const string Principal = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalId = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string PrincipalName = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalIdp = "X-MS-CLIENT-PRINCIPAL-IDP";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const int MaxIdLength = 128;
    private const int MaxNameLength = 256;
    private const int MaxPrincipalLength = 16 * 1024;

    /// <summary>True when the request carries any client-principal header (used only to note ignored ones).</summary>
    public static bool AnyPresent(IHeaderDictionary headers) =>
        headers.ContainsKey(PrincipalId) || headers.ContainsKey(Principal) || headers.ContainsKey(PrincipalName) || headers.ContainsKey(PrincipalIdp);

    /// <summary>The caller, or null for an anonymous request (or headers that do not describe a person).</summary>
    public static Caller? Read(IHeaderDictionary headers)
    {
        var id = Single(headers, PrincipalId) ?? ObjectIdFromPrincipal(Single(headers, Principal));
        if (id is null || !IsValidId(id))
        {
            return null;
        }

        var idp = Single(headers, PrincipalIdp) is { Length: > 0 and <= 32 } provider ? provider : "aad";
        var name = Single(headers, PrincipalName) is { Length: > 0 and <= MaxNameLength } n ? n : null;
        return new Caller(idp, id, name);
    }

    /// <summary>1–128 characters: letters, digits, '-', '.', '_' and '@' (Entra's object ids are GUIDs).</summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@');

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static string? ObjectIdFromPrincipal(string? encoded)
    {
        if (encoded is null || encoded.Length > MaxPrincipalLength)
        {
            return null;
        }

        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(0, length));
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == ObjectIdClaim
                    && claim.TryGetProperty("val", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
