namespace HealthOracle.Functions.Chat;

/// <summary>
/// How to reach Gemini: <see cref="ApiKey"/> selects the Gemini API; otherwise <see cref="Project"/> selects
/// Vertex AI with Google credentials (<see cref="CredentialsFile"/> or application default credentials).
/// With neither, chat answers 503 and the rest of the app runs as usual.
/// </summary>
internal sealed class GeminiOptions
{
    public const string Section = "Gemini";

    public string? ApiKey { get; set; }

    public string? Project { get; set; }

    public string Location { get; set; } = "us-central1";

    /// <summary>A service-account key file for Vertex AI; without it, application default credentials.</summary>
    public string? CredentialsFile { get; set; }

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
