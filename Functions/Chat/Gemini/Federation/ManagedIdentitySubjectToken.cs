using Azure.Core;
using Azure.Identity;
using Google.Apis.Auth.OAuth2;

namespace HealthOracle.Functions.Chat.Gemini.Federation;

/// <summary>
/// The subject token of an exchange: an Entra ID token of the Function App's managed identity for the audience the
/// provider allows. Azure.Identity's <see cref="ManagedIdentityCredential"/> speaks the platform's protocol (on
/// Functions: GET <c>IDENTITY_ENDPOINT</c>, the <c>X-IDENTITY-HEADER</c> secret, <c>api-version=2019-08-01</c>).
/// Google.Apis.Auth calls this only when its Google token needs replacing.
/// </summary>
internal sealed class ManagedIdentitySubjectToken(TokenCredential identity, FederationSettings settings, FederationSteps steps, VertexTokenStatus status)
    : ProgrammaticExternalAccountCredential.ISubjectTokenProvider
{
    public static TokenCredential CreateIdentity(FederationSettings settings) => new ManagedIdentityCredential(
        new ManagedIdentityCredentialOptions(settings.ClientId is { } clientId
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned)
        {
            // A chat is waiting: a few quick retries, not Azure.Core's default minute.
            Retry = { MaxRetries = settings.MaxRetries, Delay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(4) },
        });

    public async Task<string> GetSubjectTokenAsync(ProgrammaticExternalAccountCredential caller, CancellationToken taskCancellationToken)
    {
        steps.Began();
        status.Started();
        try
        {
            // For a managed identity the scope is the resource: the audience, as "{audience}/.default".
            var token = await identity.GetTokenAsync(new TokenRequestContext([settings.IdentityAudience.TrimEnd('/') + "/.default"]), taskCancellationToken);
            return token.Token;
        }
        catch (Exception exception) when (exception is CredentialUnavailableException or AuthenticationFailedException)
        {
            throw FederationReasons.ManagedIdentity(exception, settings);
        }
    }
}
