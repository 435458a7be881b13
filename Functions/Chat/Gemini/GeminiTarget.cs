using System.Net.Http.Headers;
using HealthOracle.Functions.Chat.Gemini.Federation;

namespace HealthOracle.Functions.Chat.Gemini;

/// <summary>Where generateContent lives and how a request is authorised: the Gemini API or Vertex AI.</summary>
internal abstract class GeminiTarget
{
    /// <summary>The tag in the chat's log lines: <c>gemini-api</c> or <c>vertex</c>.</summary>
    public abstract string Kind { get; }

    public abstract Uri MethodUri(string model, bool stream);

    public abstract ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>The failure to throw when the answer says the credential was refused; null for an ordinary upstream error.</summary>
    public virtual Exception? Refused(int status, string? googleStatus) => null;

    /// <summary>Gemini accepted the call.</summary>
    public virtual void Accepted()
    {
    }

    protected static string Method(string model, bool stream) =>
        $"models/{Uri.EscapeDataString(model)}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}";
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

/// <summary>
/// Vertex AI: a bearer token from <paramref name="token"/>. A 401 or 403 from Vertex AI is the deployment's
/// Google identity being refused (no role, API not enabled, a token it does not accept): a 503 with what to fix.
/// </summary>
internal sealed class VertexTarget(Uri baseUri, string project, string location, IVertexAccessToken token, string principal, VertexTokenStatus? tokenStatus)
    : GeminiTarget
{
    public override string Kind => "vertex";

    public override Uri MethodUri(string model, bool stream) => new(baseUri,
        $"v1/projects/{Uri.EscapeDataString(project)}/locations/{Uri.EscapeDataString(location)}/publishers/google/" + Method(model, stream));

    public override async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(cancellationToken));

    public override Exception? Refused(int status, string? googleStatus)
    {
        string reason;
        if (status == 401)
        {
            token.Invalidate();
            reason = $"Vertex AI did not accept the access token (HTTP 401 {googleStatus}); a new one is fetched for the next call.";
        }
        else if (status == 403)
        {
            reason = $"Vertex AI refused {principal} (HTTP 403 {googleStatus}): grant it the Vertex AI User role (roles/aiplatform.user) "
                + $"on project '{project}', and check that the Vertex AI API (aiplatform.googleapis.com) is enabled there.";
        }
        else
        {
            return null;
        }

        tokenStatus?.VertexAnswered(reason);
        return new VertexCredentialException(reason, transient: status == 401);
    }

    public override void Accepted() => tokenStatus?.VertexAnswered(null);
}
