using Azure.Core;
using Azure.Identity;

namespace HealthOracle.Functions.Infrastructure.Telemetry;

/// <summary>
/// The credential for Application Insights' Entra ID ingestion, read from <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>
/// (<c>Authorization=AAD</c>, optionally <c>;ClientId=&lt;user-assigned identity&gt;</c>), the setting the Functions host
/// itself reads. The .NET Azure Monitor exporter does not read it, so the worker does.
/// </summary>
internal static class AzureMonitorCredential
{
    /// <summary>A managed identity credential when the string asks for Entra ID; null (instrumentation key only) otherwise.</summary>
    public static TokenCredential? From(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
