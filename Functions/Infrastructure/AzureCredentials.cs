using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// The credential for a storage section given as a service URI (<c>{Section}__serviceUri</c>), as the Functions
/// host reads identity-based connections: <c>__credential</c> = <c>managedidentity</c> (with <c>__clientId</c>
/// for a user-assigned identity), else <see cref="DefaultAzureCredential"/>. The model store and the people's
/// store both use it.
/// </summary>
internal static class AzureCredentials
{
    public static TokenCredential FromSection(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
