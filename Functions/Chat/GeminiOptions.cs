namespace HealthOracle.Functions.Chat;

/// <summary>
/// How to reach Gemini: <see cref="ApiKey"/> selects the Gemini API; otherwise <see cref="Project"/> selects
/// Vertex AI with, in this order, <see cref="CredentialsFile"/>, the app's managed identity exchanged by
/// workload identity federation (<see cref="WorkloadIdentityProvider"/>), or Google application default
/// credentials (<see cref="Gemini.GeminiRoute"/>). With neither, chat answers 503 and the rest of the app runs as usual.
/// </summary>
internal sealed class GeminiOptions
{
    public const string Section = "Gemini";

    public string? ApiKey { get; set; }

    public string? Project { get; set; }

    public string Location { get; set; } = "us-central1";

    /// <summary>A service-account key file for Vertex AI; without it, application default credentials.</summary>
    public string? CredentialsFile { get; set; }

    /// <summary>
    /// Vertex AI without a Google secret: the workload identity pool provider that trusts this app's Entra ID
    /// tenant, <c>projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER</c> (the
    /// <c>//iam.googleapis.com/</c> prefix may be given too). Google's STS audience is built from it.
    /// </summary>
    public string? WorkloadIdentityProvider { get; set; }

    /// <summary>The audience of the managed identity's Entra ID token: an audience the provider allows (an application ID URI such as <c>api://…</c>).</summary>
    public string? ManagedIdentityAudience { get; set; }

    /// <summary>A user-assigned managed identity's client ID; unset, the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Optional: a service account to impersonate (IAM Credentials <c>generateAccessToken</c>); unset, the federated token calls Vertex AI itself.</summary>
    public string? ServiceAccount { get; set; }

    /// <summary>Google's Security Token Service; the token exchange is POSTed to <c>{StsEndpoint}/v1/token</c> (tests point it at a stand-in).</summary>
    public string StsEndpoint { get; set; } = "https://sts.googleapis.com";

    /// <summary>IAM Credentials; <c>generateAccessToken</c> lives under <c>{IamCredentialsEndpoint}/v1/</c> (tests point it at a stand-in).</summary>
    public string IamCredentialsEndpoint { get; set; } = "https://iamcredentials.googleapis.com";

    public string Model { get; set; } = "gemini-2.5-flash";

    /// <summary>Overrides the base URL (tests point it at a stand-in).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The whole call, retries and the streamed body included.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries after a 429 or 503, honouring <c>Retry-After</c>.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Optional thinking budget in tokens (0 turns thinking off on Flash models); unset, the model decides.</summary>
    public int? ThinkingBudget { get; set; }

    /// <summary>True when a key or a Vertex AI project is set: chat can be tried (GET /api/health says so).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(Project);

    /// <summary>The threshold set explicitly for every harm category.</summary>
    public string SafetyThreshold { get; set; } = "BLOCK_MEDIUM_AND_ABOVE";
}
