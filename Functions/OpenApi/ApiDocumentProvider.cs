using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// Builds the document on its first request and keeps it for the life of the instance. It reads the
/// features' descriptions and the disease definitions only: no model, store or network is touched.
/// </summary>
internal sealed class ApiDocumentProvider(IServiceProvider services, IOptions<JsonOptions> httpJson)
{
    private readonly Lazy<ApiDocument> _document = new(() => ApiDocument.Build(Descriptions(services), httpJson.Value.SerializerOptions));

    public ApiDocument Document => _document.Value;

    /// <summary>Every <see cref="IApiDescription"/> in the app, created with the app's services.</summary>
    public static IEnumerable<IApiDescription> Descriptions(IServiceProvider services) =>
        typeof(IApiDescription).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApiDescription).IsAssignableFrom(t))
            .Select(t => (IApiDescription)ActivatorUtilities.CreateInstance(services, t));
}
