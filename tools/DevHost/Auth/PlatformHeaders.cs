namespace HealthOracle.DevHost.Auth;

/// <summary>
/// The request headers that App Service Authentication owns. It adds the client-principal headers to a
/// signed-in request (and, with a token store, <c>X-MS-TOKEN-{PROVIDER}-*</c>), and removes any copy a
/// client sent, signed in or not, so that the app can trust them. DevHost does the same when its sign-in
/// emulation is on; with it off, like App Service with authentication off, they pass through untouched.
/// </summary>
internal static class PlatformHeaders
{
    public const string Principal = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalId = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string PrincipalName = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalIdp = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>Every name the platform owns: <c>X-MS-CLIENT-PRINCIPAL</c> and all that begin with it, and <c>X-MS-TOKEN-*</c>.</summary>
    public static bool IsOwnedByPlatform(string name) =>
        name.StartsWith(Principal, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-MS-TOKEN-", StringComparison.OrdinalIgnoreCase);
}
