using HealthOracle.Functions.Chat.Gemini;
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
        services.AddHttpClient(GeminiChatClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("gemini-retry", (pipeline, context) =>
            {
                var gemini = context.ServiceProvider.GetRequiredService<IOptions<GeminiOptions>>().Value;
                if (gemini.MaxRetries > 0)
                {
                    pipeline.AddRetry(RetryOptions(gemini.MaxRetries));
                }
            });

        // Nothing is built or read here: the client resolves its target and credentials on first use.
        services.AddSingleton<IChatClient, GeminiChatClient>();
        services.AddSingleton<ChatRateLimiter>();
        services.AddSingleton<ChatGate>();
        return services;
    }

    public static HttpRetryStrategyOptions RetryOptions(int maxRetries) => new()
    {
        MaxRetryAttempts = maxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(10),
        ShouldRetryAfterHeader = true,
        ShouldHandle = arguments => ValueTask.FromResult(arguments.Outcome.Result?.StatusCode is
            System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable),
    };
}
