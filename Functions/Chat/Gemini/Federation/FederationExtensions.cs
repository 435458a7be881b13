using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

internal static class FederationExtensions
{
    /// <summary>What the Vertex AI routes need: the target factory, the exchange's status (read by health), and the STS / IAM Credentials client.</summary>
    public static IServiceCollection AddGeminiTargets(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<VertexTokenStatus>();
        services.AddSingleton<GeminiTargetFactory>();

        // Transient failures (network, 408, 429, 5xx) are retried with exponential backoff and jitter, Gemini__MaxRetries times.
        // Google.Apis.Auth handles redirects and decompression itself, and insists that the handler does neither.
        services.AddHttpClient(FederatedAccessToken.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            .AddResilienceHandler("google-federation-retry", (pipeline, context) =>
            {
                var retries = context.ServiceProvider.GetRequiredService<IOptions<GeminiOptions>>().Value.MaxRetries;
                if (retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = retries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(500),
                        MaxDelay = TimeSpan.FromSeconds(4),
                    });
                }
            });
        return services;
    }
}
