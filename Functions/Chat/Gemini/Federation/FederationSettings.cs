using System.Text.RegularExpressions;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// The managed-identity route's settings, checked and turned into what Google.Apis.Auth needs: the STS audience
/// (<c>//iam.googleapis.com/</c> + the provider), the token URL, and the impersonation URL when a service account
/// is set. Settings that cannot work are refused with the one to fix, before anything is called.
/// </summary>
internal sealed partial record FederationSettings(
    string Provider,
    string StsAudience,
    string IdentityAudience,
    string? ClientId,
    string? ServiceAccount,
    string TokenUrl,
    string? ImpersonationUrl,
    TimeSpan Wait,
    int MaxRetries)
{
    public const string IamPrefix = "//iam.googleapis.com/";

    /// <summary>An Entra ID token is a JWT (RFC 8693's token type for it).</summary>
    public const string SubjectTokenType = "urn:ietf:params:oauth:token-type:jwt";

    /// <summary>Who Vertex AI sees: the impersonated service account, or the pool's principal for this app.</summary>
    public string Principal => ServiceAccount is { } account
        ? $"the service account '{account}'"
        : $"this app's principal in the workload identity pool of '{Provider}'";

    /// <summary>The managed identity that asks Entra ID for the subject token.</summary>
    public string Identity => ClientId is { } id ? $"the user-assigned identity '{id}'" : "the system-assigned identity";

    public static FederationSettings From(GeminiOptions options)
    {
        var provider = (options.WorkloadIdentityProvider ?? "").Trim();
        provider = provider.StartsWith(IamPrefix, StringComparison.Ordinal) ? provider[IamPrefix.Length..] : provider.TrimStart('/');
        if (!ProviderName().IsMatch(provider))
        {
            throw Refused($"Gemini__WorkloadIdentityProvider ('{provider}') is not a provider's name: it must read "
                + "projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, with the project's number (not its ID).");
        }

        var audience = options.ManagedIdentityAudience?.Trim();
        if (string.IsNullOrEmpty(audience))
        {
            throw Refused("Gemini__ManagedIdentityAudience is not set: set it to an audience the provider allows "
                + "(the application ID URI of the Entra ID app registration, such as api://…).");
        }

        var account = string.IsNullOrWhiteSpace(options.ServiceAccount) ? null : options.ServiceAccount.Trim();
        if (account is not null && !ServiceAccountEmail().IsMatch(account))
        {
            throw Refused($"Gemini__ServiceAccount ('{account}') is not a service account's e-mail address (NAME@PROJECT.iam.gserviceaccount.com).");
        }

        var iam = options.IamCredentialsEndpoint.TrimEnd('/');
        return new FederationSettings(
            provider,
            IamPrefix + provider,
            audience,
            string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId.Trim(),
            account,
            options.StsEndpoint.TrimEnd('/') + "/v1/token",
            account is null ? null : $"{iam}/v1/projects/-/serviceAccounts/{account}:generateAccessToken",
            // The chat waits at most this long for a token; half its own timeout leaves time for Gemini.
            TimeSpan.FromSeconds(Math.Clamp(options.TimeoutSeconds / 2.0, 1, 15)),
            Math.Max(0, options.MaxRetries));
    }

    private static VertexCredentialException Refused(string reason) => new(reason, transient: false);

    [GeneratedRegex("^projects/[0-9]+/locations/global/workloadIdentityPools/[a-z0-9-]+/providers/[a-z0-9-]+$")]
    private static partial Regex ProviderName();

    [GeneratedRegex("^[^@/\\s]+@[^@/\\s]+$")]
    private static partial Regex ServiceAccountEmail();
}
