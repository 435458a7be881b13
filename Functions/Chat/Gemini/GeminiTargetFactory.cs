using HealthOracle.Functions.Chat.Gemini.Federation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Builds the target that <see cref="GeminiRoute"/> selects; called on the first chat, and again after a failure.</summary>
internal sealed class GeminiTargetFactory(
    IOptions<GeminiOptions> options,
    IHttpMessageHandlerFactory handlers,
    VertexTokenStatus status,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public GeminiTarget Create()
    {
        var settings = options.Value;
        var route = GeminiRoute.From(settings)
            ?? throw new ChatNotConfiguredException("Chat is not configured: set Gemini__ApiKey, or Gemini__Project for Vertex AI.");
        if (route == GeminiRoute.ApiKey)
        {
            return new GeminiApiTarget(BaseUri(settings.Endpoint, "https://generativelanguage.googleapis.com"), settings.ApiKey!);
        }

        var location = string.IsNullOrWhiteSpace(settings.Location) ? "us-central1" : settings.Location;
        // The global location has no regional prefix on its host.
        var host = location == "global" ? "https://aiplatform.googleapis.com" : $"https://{location}-aiplatform.googleapis.com";
        var endpoint = BaseUri(settings.Endpoint, host);
        if (route != GeminiRoute.ManagedIdentity)
        {
            return new VertexTarget(endpoint, settings.Project!, location, new GoogleCredentialAccessToken(settings.CredentialsFile),
                "this deployment's Google credential", tokenStatus: null);
        }

        // Settings that cannot work are refused here, before anything is called, with the setting to fix.
        var federation = FederationSettings.From(settings);
        var token = FederatedAccessToken.Create(federation, handlers, status, time, loggers.CreateLogger<FederatedAccessToken>());
        return new VertexTarget(endpoint, settings.Project!, location, token, federation.Principal, status);
    }

    private static Uri BaseUri(string? endpoint, string fallback) =>
        new((string.IsNullOrWhiteSpace(endpoint) ? fallback : endpoint).TrimEnd('/') + "/");
}
