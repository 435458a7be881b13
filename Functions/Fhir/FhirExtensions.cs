using HealthOracle.Functions.Fhir.CdsHooks;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Fhir;

internal static class FhirExtensions
{
    /// <summary>
    /// FHIR in and out (a RiskAssessment from a patient's record) and the CDS Hooks service. Only registrations: no FHIR
    /// type is touched until the first FHIR or CDS Hooks call.
    /// </summary>
    public static IServiceCollection AddFhir(this IServiceCollection services)
    {
        services.AddOptions<FhirOptions>().BindConfiguration(FhirOptions.Section);
        services.AddSingleton<FhirAssessmentService>();
        services.AddSingleton<FhirEndpoint>();
        services.AddCdsHooks();
        return services;
    }
}
