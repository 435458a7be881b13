using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Chat.Gemini.Federation;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.Chat.Federation;

/// <summary>
/// The tests that point the process's <c>IDENTITY_ENDPOINT</c> / <c>IDENTITY_HEADER</c> at a stand-in (Azure.Identity
/// reads the platform's endpoint from the environment, as on Flex Consumption): run one at a time, alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ManagedIdentityEnvironment
{
    public const string Name = "Managed identity environment";
}

/// <summary>
/// The app's real chat registrations (AddChat) on the managed-identity route against a
/// <see cref="WorkloadIdentityStandIn"/> and a <see cref="GeminiStandIn"/>, with a fake clock and captured logs.
/// </summary>
internal sealed class FederationHarness : IAsyncDisposable
{
    private readonly string? _previousEndpoint = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
    private readonly string? _previousHeader = Environment.GetEnvironmentVariable("IDENTITY_HEADER");

    private FederationHarness(GeminiStandIn gemini, WorkloadIdentityStandIn identity) => (Gemini, Identity) = (gemini, identity);

    public GeminiStandIn Gemini { get; }

    public WorkloadIdentityStandIn Identity { get; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ServiceProvider Services { get; private set; } = null!;

    public IChatClient Client => Services.GetRequiredService<IChatClient>();

    public VertexTokenStatus Status => Services.GetRequiredService<VertexTokenStatus>();

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public static async Task<FederationHarness> StartAsync(
        Action<WorkloadIdentityStandIn>? configure = null, bool impersonate = true, IDictionary<string, string?>? overrides = null)
    {
        var harness = new FederationHarness(await GeminiStandIn.StartAsync(), await WorkloadIdentityStandIn.StartAsync(configure));
        harness.Gemini.VertexAuthorization = harness.Identity.VertexAuthorization;
        harness.Identity.Clock = harness.Time;
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", harness.Identity.IdentityEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", harness.Identity.IdentityHeader);

        var settings = harness.Identity.Settings(harness.Gemini, ":", impersonate).ToDictionary(p => p.Key, p => (string?)p.Value);
        settings["Gemini:TimeoutSeconds"] = ChatTestServices.GenerousTimeoutSeconds;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddChat();
        services.AddSingleton<TimeProvider>(harness.Time);
        harness.Services = services.BuildServiceProvider();
        return harness;
    }

    public Task<ChatResponse> AskAsync(string text = "How can I sleep better?") => Client.GetResponseAsync([new ChatMessage(ChatRole.User, text)]);

    /// <summary>Waits (without a fixed sleep) until <paramref name="condition"/> holds, for a background refresh.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token).ContinueWith(t => t.IsCanceled
                ? throw new TimeoutException($"Still waiting for {what} after 30 s.")
                : t, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", _previousEndpoint);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", _previousHeader);
        await Identity.DisposeAsync();
        await Gemini.DisposeAsync();
    }
}
