using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Fhir.CdsHooks;

internal static class CdsHooksExtensions
{
    /// <summary>The CDS Hooks service and its client for EHRs' FHIR servers (no redirects followed, a deadline per call).</summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services)
    {
        services.AddHttpClient<FhirServerClient>(FhirServerClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddSingleton<CdsHooksService>();
        return services;
    }
}
