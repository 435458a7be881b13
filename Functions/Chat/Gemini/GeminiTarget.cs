using System.Net.Http.Headers;
using Google.Apis.Auth.OAuth2;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Where generateContent lives and how a request is authorised: the Gemini API or Vertex AI.</summary>
internal abstract class GeminiTarget
{
    public abstract string Kind { get; }

    public abstract Uri MethodUri(string model, bool stream);

    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    public static GeminiTarget Create(GeminiOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return new GeminiApiTarget(BaseUri(options.Endpoint, "https://generativelanguage.googleapis.com"), options.ApiKey);
        }

        if (!string.IsNullOrWhiteSpace(options.Project))
        {
            var location = string.IsNullOrWhiteSpace(options.Location) ? "us-central1" : options.Location;
            // The global location has no regional prefix on its host.
            var host = location == "global" ? "https://aiplatform.googleapis.com" : $"https://{location}-aiplatform.googleapis.com";
            return new VertexTarget(BaseUri(options.Endpoint, host), options.Project, location, options.CredentialsFile);
        }

        throw new ChatNotConfiguredException("Chat is not configured: set Gemini__ApiKey, or Gemini__Project for Vertex AI.");
    }

    protected static string Method(string model, bool stream) =>
        $"models/{Uri.EscapeDataString(model)}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}";

    private static Uri BaseUri(string? endpoint, string fallback) =>
        new((string.IsNullOrWhiteSpace(endpoint) ? fallback : endpoint).TrimEnd('/') + "/");
}

/// <summary>The Gemini API: the key travels in the <c>x-goog-api-key</c> header, never in the URL.</summary>
internal sealed class GeminiApiTarget(Uri baseUri, string apiKey) : GeminiTarget
{
    public override string Kind => "gemini-api";

    public override Uri MethodUri(string model, bool stream) => new(baseUri, "v1beta/" + Method(model, stream));

    public override ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("x-goog-api-key", apiKey);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Vertex AI: OAuth2 bearer tokens from a service-account key or application default credentials.</summary>
internal sealed class VertexTarget(Uri baseUri, string project, string location, string? credentialsFile) : GeminiTarget
{
    private const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITokenAccess? _credential;

    public override string Kind => "vertex";

    public override Uri MethodUri(string model, bool stream) => new(baseUri,
        $"v1/projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/google/" + Method(model, stream));

    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credential = await GetCredentialAsync(cancellationToken);
        // The credential caches the token and refreshes it shortly before it expires.
        var token = await credential.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
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
                : (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(credentialsFile, cancellationToken)).ToGoogleCredential();
            return credential.CreateScoped(CloudPlatformScope);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ChatNotConfiguredException("Chat is not configured: no usable Google credentials for Vertex AI.", exception);
        }
    }
}
