using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary>The app's real chat registrations (AddChat) over in-memory settings, with logs captured.</summary>
internal static class ChatTestServices
{
    /// <summary>
    /// A test that does not test the chat's timeout must not meet it on a loaded machine (a Vertex call at load 40 once took
    /// longer than the app's 30 s): unless a test sets its own, the timeout here is generous.
    /// </summary>
    public const string GenerousTimeoutSeconds = "300";

    public static ServiceProvider Create(IDictionary<string, string?> settings)
    {
        settings = new Dictionary<string, string?>(settings);
        settings.TryAdd("Gemini:TimeoutSeconds", GenerousTimeoutSeconds);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ClientAddressOptions>();
        services.AddSingleton<ClientAddress>();
        services.AddSingleton<DomainProblems>();
        services.AddSingleton<ISavedPredictions, TestSavedPredictions>();
        services.AddSite();
        services.AddChat();
        services.AddPages();
        return services.BuildServiceProvider();
    }

    /// <summary>Gemini API mode against the stand-in; timeout and retry settings overridable.</summary>
    public static ServiceProvider ForGeminiApi(GeminiStandIn standIn, params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gemini:Endpoint"] = standIn.Url,
            ["Gemini:ApiKey"] = standIn.ApiKey,
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return Create(settings);
    }

    public static FakeLogCollector Logs(this IServiceProvider services) => services.GetFakeLogCollector();
}

/// <summary>Saved predictions for the chat's own tests (People's real one is tested through DevHost): none, unless added.</summary>
internal sealed class TestSavedPredictions : ISavedPredictions
{
    public Dictionary<(string Person, string Id), PredictionContext> Saved { get; } = [];

    public Task<PredictionContext?> FindAsync(Caller caller, string predictionId, CancellationToken cancellationToken) =>
        Task.FromResult(Saved.GetValueOrDefault((caller.PersonKey, predictionId)));

    public Task<HistoryNote> SaveSuggestionsAsync(Caller caller, string predictionId, IReadOnlyList<string> suggestions, CancellationToken cancellationToken) =>
        Task.FromResult(new HistoryNote(Saved.ContainsKey((caller.PersonKey, predictionId)), predictionId));
}
