using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

internal static class FederationExtensions
{
    /// <summary>What the Vertex AI routes need: the target factory, the exchange's status (read by health), and the STS / IAM Credentials client.</summary>
    public static IServiceCollection AddGeminiTargets(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VertexTokenStatus>();
        services.AddSingleton<GeminiTargetFactory>();

        // Google.Apis.Auth handles redirects and decompression itself, and insists that the handler does neither.
        // No retry handler here: a retried request message hung (the library's content is sent once); the
        // exchange as a whole is retried instead (FederatedAccessToken).
        services.AddHttpClient(FederatedAccessToken.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            // HttpClient's own log lines carry the request headers (a bearer token) in their state at Trace, redacted
            // only in the message: none for this client (FederationLog says what happened).
            .RemoveAllLoggers();
        return services;
    }
}
