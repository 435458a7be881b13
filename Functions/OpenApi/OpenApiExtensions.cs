using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.OpenApi;

internal static class OpenApiExtensions
{
    /// <summary>GET /api/openapi.json; the features' descriptions are found in the assembly, nothing is built until it is asked for.</summary>
    public static IServiceCollection AddOpenApi(this IServiceCollection services) => services.AddSingleton<ApiDocumentProvider>();
}
