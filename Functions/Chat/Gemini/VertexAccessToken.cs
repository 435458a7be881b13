using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>A Google OAuth2 access token for Vertex AI, cached by whoever implements it until shortly before it expires.</summary>
internal interface IVertexAccessToken
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>Vertex AI did not accept the token (401): the next call fetches a new one.</summary>
    void Invalidate();
}

/// <summary>
/// A credential file (a service-account key, or an <c>external_account</c> configuration) or, without one, Google
/// application default credentials; scoped to <c>cloud-platform</c>. Google.Apis.Auth caches and refreshes the token.
/// </summary>
internal sealed class GoogleCredentialAccessToken(string? credentialsFile) : IVertexAccessToken
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITokenAccess? _credential;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var credential = await GetCredentialAsync(cancellationToken);
        try
        {
            return await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        }
        catch (TokenResponseException exception)
        {
            throw new GeminiUpstreamException((int?)exception.StatusCode, "token request refused", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new GeminiUpstreamException(null, "token request failed", exception);
        }
    }

    public void Invalidate()
    {
        // Google.Apis.Auth refreshes by expiry; a file's token that Vertex AI refuses is refused again until then.
    }

    private async ValueTask<ITokenAccess> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (_credential is { } loaded)
        {
            return loaded;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A failed load is not kept: the next call tries again.
            return _credential ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ITokenAccess> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credential = string.IsNullOrWhiteSpace(credentialsFile)
                ? await GoogleCredential.GetApplicationDefaultAsync(cancellationToken)
                : await FromFileAsync(credentialsFile, cancellationToken);
            return credential.CreateScoped(CloudPlatformScope);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ChatNotConfiguredException("Chat is not configured: no usable Google credentials for Vertex AI.", exception);
        }
    }

    // A service-account key, or a workload identity federation configuration (external_account: no secret in it).
    // The file names its type, and only credential types meant for a server are accepted.
    private static async Task<GoogleCredential> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var json = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        var type = json.RootElement.TryGetProperty("type", out var value) ? value.GetString() : null;
        if (type is not (JsonCredentialParameters.ServiceAccountCredentialType or JsonCredentialParameters.ExternalAccountCredentialType
            or JsonCredentialParameters.ImpersonatedServiceAccountCredentialType))
        {
            throw new InvalidOperationException($"Gemini__CredentialsFile holds a credential of type '{type}', not a service account or external account.");
        }

        return await CredentialFactory.FromFileAsync(path, type, cancellationToken);
    }
}
