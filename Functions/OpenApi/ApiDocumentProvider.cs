using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// Builds each version's document on its first request and keeps it for the life of the instance. It reads the
/// features' descriptions and the disease definitions only: no model, store or network is touched.
/// </summary>
internal sealed class ApiDocumentProvider
{
    private readonly Dictionary<string, Lazy<ApiDocument>> _documents;

    public ApiDocumentProvider(IServiceProvider services, IOptions<JsonOptions> httpJson)
    {
        Versions = Implementations<IApiVersions>(services).Single();
        _documents = Versions.Supported.ToDictionary(
            version => version, version => new Lazy<ApiDocument>(() => ApiDocument.Build(Descriptions(services), httpJson.Value.SerializerOptions, version)));
    }

    public IApiVersions Versions { get; }

    /// <summary>The current version's document.</summary>
    public ApiDocument Document => For(Versions.Current);

    /// <summary>The document of a supported version.</summary>
    public ApiDocument For(string version) => _documents[version].Value;

    /// <summary>Every <see cref="IApiDescription"/> in the app, created with the app's services.</summary>
    public static IEnumerable<IApiDescription> Descriptions(IServiceProvider services) => Implementations<IApiDescription>(services);

    private static IEnumerable<T> Implementations<T>(IServiceProvider services) =>
        typeof(T).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(T).IsAssignableFrom(t))
            .Select(t => (T)ActivatorUtilities.CreateInstance(services, t));
}
