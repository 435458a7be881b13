using Azure.Core;
using Azure.Storage.Blobs;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Health;
using HealthOracle.Functions.Infrastructure.Versioning;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Pages;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Tests.Models;
using Microsoft.AspNetCore.Http;
using HealthOracle.Functions.WarmUp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using System.Text;
using System.Text.Json;

namespace HealthOracle.Functions.Tests.Predictions;

/// <summary>
/// The app's prediction services wired as Program.cs wires them, over a given model store, with every
/// log captured; requests go through <see cref="DefaultHttpContext"/> and the results are executed.
/// </summary>
internal sealed class TestPredictionHost : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">More of the app's features, as Program.cs would add them (e.g. <c>AddPeople</c>).</param>
    public TestPredictionHost(
        IModelStore store, int retryAfterSeconds = 5, TimeProvider? time = null, Dictionary<string, string?>? settings = null, bool captureLogs = true,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddLogging(logging =>
        {
            // A long load test keeps millions of records otherwise, which would hide a real leak.
            if (captureLogs)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging();
            }
        });
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddOptions<ModelStoreOptions>().Configure(o => o.RetryAfterSeconds = retryAfterSeconds).BindConfiguration(ModelStoreOptions.Section);
        services.AddSingleton(store);
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<HealthReporter>();
        services.AddSingleton<HealthOracle.Functions.Chat.Gemini.Federation.VertexTokenStatus>();
        services.AddOptions<HealthOracle.Functions.Chat.GeminiOptions>().BindConfiguration(HealthOracle.Functions.Chat.GeminiOptions.Section);
        services.AddSingleton<IProblemMapper, ModelProblems>();
        services.AddSingleton<DomainProblems>();
        services.AddExplanations();
        services.AddPredictions();
        services.AddSite();
        services.AddWarmUp();
        services.AddPages();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public ModelRegistry Registry => _services.GetRequiredService<ModelRegistry>();

    public PredictionService Service => _services.GetRequiredService<PredictionService>();

    public PredictionEndpoint Endpoint => _services.GetRequiredService<PredictionEndpoint>();

    public ModelRefresher Refresher => _services.GetRequiredService<ModelRefresher>();

    public FakeLogCollector Logs => _services.GetFakeLogCollector();

    /// <summary>A model store over real blob storage, with a request counter in its pipeline.</summary>
    public static (ModelStore Store, RequestCounter Counter) BlobStore(string connectionString, string container)
    {
        var counter = new RequestCounter();
        var options = new BlobClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        var client = new BlobServiceClient(connectionString, options);
        return (new ModelStore(() => client, Microsoft.Extensions.Options.Options.Create(new ModelStoreOptions { Container = container })), counter);
    }

    public Task<TestResponse> PostJsonAsync(string disease, string json, string? accept = null) =>
        SendAsync("POST", disease, Encoding.UTF8.GetBytes(json), "application/json", accept);

    public async Task<TestResponse> SendAsync(string method, string disease, byte[]? body, string? contentType, string? accept = null, bool siteCall = false, string? apiVersion = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        if (apiVersion is not null)
        {
            // As ApiVersionMiddleware notes a supported api-version.
            context.Features.Set(new RequestedApiVersion(apiVersion));
        }

        if (siteCall)
        {
            // As the gateway's middleware marks a paid-route call that did not come through the gateway.
            context.Features.Set(SiteCall.Instance);
        }

        context.Request.Method = method;
        context.Request.ContentType = contentType;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(body);
            context.Request.ContentLength = body.Length;
        }

        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        // As the worker's middleware does: a domain failure the endpoint throws is answered by DomainProblems.
        try
        {
            var result = await Endpoint.HandleAsync(disease, context.Request, CancellationToken.None);
            await result.ExecuteAsync(context);
        }
        catch (Exception e) when (_services.GetRequiredService<DomainProblems>().TryMap(e, out var problem))
        {
            await problem.ExecuteAsync(context);
        }

        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response.Headers);
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>An executed response.</summary>
internal sealed record TestResponse(int Status, string? ContentType, string Body, IHeaderDictionary Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
