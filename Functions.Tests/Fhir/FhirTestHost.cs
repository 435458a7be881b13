using System.Text;
using System.Text.Json;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Functions.Explanations;
using HealthOracle.Functions.Fhir;
using HealthOracle.Functions.Fhir.CdsHooks;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions;
using HealthOracle.Functions.Site;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.Fhir;

/// <summary>
/// The app's prediction and FHIR services wired as Program.cs wires them, over the trained models of <c>models/</c>
/// (in memory), at a fixed time (<see cref="Now"/>, or the time given); requests go through <see cref="DefaultHttpContext"/> and the results are executed.
/// </summary>
internal sealed class FhirTestHost : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public FhirTestHost(Dictionary<string, string?>? settings = null, DateTimeOffset? now = null)
    {
        var store = new TestModelStore();
        var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, ModelManifest.BlobName)), ModelManifestJsonContext.Default.ModelManifest)!;
        store.Publish([.. manifest.Models.Values.Select(e => (e, File.ReadAllBytes(Path.Combine(RepositoryPaths.Models, e.BlobPath))))]);

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now ?? Now));
        services.AddOptions<ModelStoreOptions>().BindConfiguration(ModelStoreOptions.Section);
        services.AddSingleton<IModelStore>(store);
        services.AddSingleton<ModelLoader>();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<IProblemMapper, ModelProblems>();
        services.AddSingleton<DomainProblems>();
        services.AddExplanations();
        services.AddPredictions();
        services.AddSite();
        services.AddFhir();
        services.AddSingleton<CdsServiceFunction>();
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public Task<TestResponse> AssessAsync(string disease, string body, string contentType = "application/fhir+json") =>
        SendAsync(body, contentType, request => _services.GetRequiredService<FhirEndpoint>().AssessAsync(disease, request, CancellationToken.None));

    public Task<TestResponse> HookAsync(string id, string body) =>
        SendAsync(body, "application/json", request => _services.GetRequiredService<CdsServiceFunction>().Run(request, id, CancellationToken.None));

    /// <summary>The JSON API's answer for the same values, through its own endpoint.</summary>
    public Task<TestResponse> PredictJsonAsync(string disease, IReadOnlyDictionary<string, double> values) =>
        SendAsync(JsonSerializer.Serialize(values), "application/json", request => Wrap(_services.GetRequiredService<PredictionEndpoint>().HandleAsync(disease, request, CancellationToken.None)));

    private static async Task<IResult> Wrap<T>(Task<T> result)
        where T : INestedHttpResult => (await result).Result;

    private async Task<TestResponse> SendAsync(string body, string contentType, Func<HttpRequest, Task<IResult>> handle)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        var result = await handle(context.Request);
        await result.ExecuteAsync(context);

        return new TestResponse(context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(responseBody.ToArray()), context.Response.Headers);
    }

    public void Dispose() => _services.Dispose();
}
