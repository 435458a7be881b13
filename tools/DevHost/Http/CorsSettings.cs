using HealthOracle.DevHost.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// CORS as the host applies <c>Host.CORS</c> (comma list, <c>*</c> for any origin) and
/// <c>Host.CORSCredentials</c>: any method and header from an allowed origin, preflight answered here;
/// a refused origin gets no Access-Control-Allow-Origin.
/// </summary>
internal static class CorsSettings
{
    public const string PolicyName = "Host.CORS";

    public static void Apply(LocalSettings settings, CorsPolicyBuilder policy)
    {
        policy.AllowAnyMethod().AllowAnyHeader();
        if (settings.CorsOrigins.Contains("*"))
        {
            // The CORS protocol forbids credentials with a wildcard origin; the wildcard wins.
            policy.AllowAnyOrigin();
            return;
        }

        policy.WithOrigins(settings.CorsOrigins.Select(o => o.TrimEnd('/')).ToArray());
        if (settings.CorsCredentials)
        {
            policy.AllowCredentials();
        }
    }
}
