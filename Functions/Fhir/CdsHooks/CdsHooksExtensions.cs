using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Fhir.CdsHooks;

internal static class CdsHooksExtensions
{
    /// <summary>The CDS Hooks service and its client for EHRs' FHIR servers (no redirects followed, a deadline per call).</summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services)
    {
        services.AddHttpClient<FhirServerClient>(FhirServerClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // The factory's own logging writes each request's address, and an EHR's addresses carry the patient's id
            // (Patient/{id}, Observation?patient={id}): no log line of this client names one. FhirServerClient logs
            // what an operator needs (a deadline passed, the failure's type, the status) without the address.
            .RemoveAllLoggers();
        services.AddSingleton<CdsHooksService>();
        return services;
    }
}
