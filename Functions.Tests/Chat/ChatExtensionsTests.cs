using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.Gemini;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Site;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.Chat;

public sealed class ChatExtensionsTests
{
    [Fact]
    public void AddChat_NoGeminiSettings_ResolvesFunctionsWithoutBuildingTheTarget()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ClientAddressOptions>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<DomainProblems>();
        services.AddSingleton<ISavedPredictions, TestSavedPredictions>();
        services.AddSite();
        services.AddChat();
        services.AddTransient<ChatFunction>();
        services.AddTransient<ChatSuggestionsFunction>();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var chat = provider.GetRequiredService<ChatFunction>();
        var suggestions = provider.GetRequiredService<ChatSuggestionsFunction>();
        var client = provider.GetRequiredService<IChatClient>();

        Assert.NotNull(chat);
        Assert.NotNull(suggestions);
        // Gemini, behind the wrapper that counts requests and tokens (healthoracle.chat.*).
        Assert.IsType<ChatTelemetryClient>(client);
        Assert.NotNull(client.GetService<GeminiChatClient>());
        Assert.Equal("gemini-2.5-flash", client.GetService<ChatClientMetadata>()!.DefaultModelId);
    }
}
