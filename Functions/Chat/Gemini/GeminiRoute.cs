namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>
/// Which way chat reaches Gemini, decided from the settings alone (nothing is called or read): GET /api/health
/// reports it and <see cref="GeminiTargetFactory"/> builds it. The names are part of the health contract.
/// </summary>
internal static class GeminiRoute
{
    /// <summary>The Gemini API with <c>Gemini__ApiKey</c>.</summary>
    public const string ApiKey = "gemini-api-key";

    /// <summary>Vertex AI with <c>Gemini__CredentialsFile</c> (a service-account key or an <c>external_account</c> file).</summary>
    public const string CredentialFile = "vertex-credential-file";

    /// <summary>Vertex AI with the app's managed identity exchanged at Google's STS (<c>Gemini__WorkloadIdentityProvider</c>).</summary>
    public const string ManagedIdentity = "vertex-managed-identity";

    /// <summary>Vertex AI with Google application default credentials (gcloud on a developer's machine, or Google's metadata server).</summary>
    public const string ApplicationDefault = "vertex-application-default";

    /// <summary>The route the settings select, or null when chat is not configured.</summary>
    public static string? From(GeminiOptions options) =>
        !string.IsNullOrWhiteSpace(options.ApiKey) ? ApiKey
        : string.IsNullOrWhiteSpace(options.Project) ? null
        : !string.IsNullOrWhiteSpace(options.CredentialsFile) ? CredentialFile
        : !string.IsNullOrWhiteSpace(options.WorkloadIdentityProvider) ? ManagedIdentity
        : ApplicationDefault;
}
