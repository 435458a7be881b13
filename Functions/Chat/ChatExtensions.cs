using System.Net;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Chat.Gemini.Federation;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HealthOracle.Functions.Chat;

internal static class ChatExtensions
{
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddOptions<GeminiOptions>().BindConfiguration(GeminiOptions.Section);
        services.AddOptions<ChatRateLimitOptions>().BindConfiguration(ChatRateLimitOptions.Section);
        services.Configure<JsonOptions>(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default));

        // The overall timeout is the client's own (it also covers a streamed body), so HttpClient's is off.
        // HttpClient's own log lines would carry the key or the bearer token in their state at Trace (redacted only
        // in the message): none for this client; GeminiChatClient logs what happened.
        services.AddHttpClient(GeminiChatClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("gemini-retry", (pipeline, context) =>
            {
                var gemini = context.ServiceProvider.GetRequiredService<IOptions<GeminiOptions>>().Value;
                if (gemini.MaxRetries > 0)
                {
                    pipeline.AddRetry(RetryOptions(gemini.MaxRetries));
                }
            });

        services.AddGeminiTargets();

        // Nothing is built or read here: the client resolves its target and credentials on first use.
        // Wrapped to count requests and tokens; the wrapper owns (and disposes) the Gemini client.
        services.AddSingleton<IChatClient>(provider => new ChatTelemetryClient(ActivatorUtilities.CreateInstance<GeminiChatClient>(provider)));
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<ChatGate>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<IProblemMapper, ChatProblemMapper>();
        return services;
    }

    /// <summary>The longest <c>Retry-After</c> worth waiting for inside one chat call; past it, fail fast (502).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(10);

    public static HttpRetryStrategyOptions RetryOptions(int maxRetries) => new()
    {
        MaxRetryAttempts = maxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(1),
        MaxDelay = MaxRetryDelay,
        ShouldRetryAfterHeader = true,
        ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result is { } response && ShouldRetry(response)),
    };

    // 429 and 503 only, and only when Gemini does not ask for a longer wait than a caller would sit through
    // (a per-minute quota answers Retry-After up to 60 s).
    private static bool ShouldRetry(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
        && (response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date - DateTimeOffset.UtcNow) ?? TimeSpan.Zero) <= MaxRetryDelay;
}
