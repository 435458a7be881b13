using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>Which stand-in endpoint a request reached.</summary>
public enum FederationEndpoint
{
    /// <summary>The Function App's managed identity endpoint (<c>IDENTITY_ENDPOINT</c>, as Flex Consumption provides it).</summary>
    ManagedIdentity,

    /// <summary>Google's Security Token Service, <c>POST /v1/token</c>.</summary>
    Sts,

    /// <summary>IAM Credentials, <c>POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken</c>.</summary>
    IamCredentials,
}

/// <summary>One request to <see cref="WorkloadIdentityStandIn"/>: its query, headers and form or JSON fields, and the status it got.</summary>
public sealed record FederationRequest(
    FederationEndpoint Endpoint,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Form,
    JsonNode? Json,
    int Status);

/// <summary>
/// A real HTTP server (Kestrel on loopback, a free port) standing in for both sides of workload identity federation
/// from Azure: the managed identity endpoint (GET <c>/msi/token</c>, the <c>X-IDENTITY-HEADER</c> secret,
/// <c>api-version=2019-08-01</c>), Google's STS and IAM Credentials. Each checks a request as the real one does and
/// refuses it with the real error body (<c>invalid_target</c> for an unknown provider, <c>invalid_grant</c> for a
/// token whose audience the provider does not allow, <c>unauthorized_client</c> for a subject the provider does not
/// admit, 403 <c>PERMISSION_DENIED</c> without the Workload Identity User role, 404 for an unknown service account).
/// It issues distinct tokens, so a test can tell which one Vertex AI received, and decides Vertex AI's answer to a
/// bearer (<see cref="VertexAuthorization"/>). Wrong settings in the app therefore fail here as they would at Google.
/// </summary>
public sealed class WorkloadIdentityStandIn : IAsyncDisposable
{
    public const string ApiVersion = "2019-08-01";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    /// <summary>Enough to call IAM Credentials: what Google.Apis.Auth asks STS for when it impersonates a service account.</summary>
    public const string IamScope = "https://www.googleapis.com/auth/iam";
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    public const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";

    private LoopbackServer? _server;
    private readonly ConcurrentQueue<FederationRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (string Audience, string Subject)> _azureTokens = new();
    private readonly ConcurrentDictionary<string, bool> _federatedTokens = new();
    private readonly ConcurrentDictionary<string, bool> _serviceAccountTokens = new();
    private readonly ConcurrentDictionary<FederationEndpoint, ConcurrentQueue<int>> _faults = new();
    private readonly ConcurrentDictionary<FederationEndpoint, Task> _stalls = new();
    private int _issued;

    private WorkloadIdentityStandIn()
    {
    }

    /// <summary>The base URL, without a trailing slash.</summary>
    public string Url => _server!.Url;

    /// <summary>What the app sets as <c>IDENTITY_ENDPOINT</c>.</summary>
    public string IdentityEndpoint => Url + "/msi/token";

    /// <summary>What the platform sets as <c>IDENTITY_HEADER</c>: a per-instance secret.</summary>
    public string IdentityHeader { get; } = "identity-header-" + Guid.NewGuid().ToString("N");

    /// <summary>The user-assigned identity attached to the "app" (its client ID); the endpoint refuses any other.</summary>
    public string ClientId { get; } = Guid.NewGuid().ToString();

    /// <summary>That identity's object (principal) ID: the <c>sub</c> of its tokens.</summary>
    public string PrincipalId { get; } = Guid.NewGuid().ToString();

    /// <summary>The provider that trusts the tenant, as the app names it.</summary>
    public string Provider { get; init; } = "projects/123456789012/locations/global/workloadIdentityPools/azure-pool/providers/entra";

    /// <summary>The audience the provider allows (an application ID URI); unique per stand-in, so that no token cache is shared.</summary>
    public string AllowedAudience { get; } = $"api://health-oracle-vertex-{Guid.NewGuid():N}";

    /// <summary>The subject the provider's attribute condition admits; by default this identity's principal ID.</summary>
    public string? AllowedSubject { get; set; }

    public string ServiceAccount { get; } = "vertex-chat@health-oracle.iam.gserviceaccount.com";

    /// <summary>Whether the pool's principal has the Workload Identity User role on <see cref="ServiceAccount"/>.</summary>
    public bool ImpersonationAllowed { get; set; } = true;

    /// <summary>Whether the token's principal has the Vertex AI User role on the project.</summary>
    public bool VertexRoleGranted { get; set; } = true;

    /// <summary>The clock IAM Credentials' <c>expireTime</c> is reckoned by: the app's, when a test moves it.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The lifetime of the Google tokens issued (seconds).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    public IReadOnlyList<FederationRequest> Requests => [.. _requests];

    /// <summary>Every Google access token issued, in order: STS's, or IAM Credentials' when impersonating.</summary>
    public IReadOnlyList<string> IssuedTokens { get; private set; } = [];

    public int Count(FederationEndpoint endpoint) => _requests.Count(r => r.Endpoint == endpoint);

    public static async Task<WorkloadIdentityStandIn> StartAsync(Action<WorkloadIdentityStandIn>? configure = null)
    {
        var standIn = new WorkloadIdentityStandIn();
        standIn._server = await LoopbackServer.StartAsync(standIn.HandleAsync);
        configure?.Invoke(standIn);
        return standIn;
    }

    /// <summary>The next <paramref name="times"/> requests to <paramref name="endpoint"/> answer <paramref name="status"/> (a transient failure).</summary>
    public void Fail(FederationEndpoint endpoint, int status, int times = 1)
    {
        var queue = _faults.GetOrAdd(endpoint, _ => new ConcurrentQueue<int>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(status);
        }
    }

    /// <summary>Requests to <paramref name="endpoint"/> wait for <paramref name="release"/> (or for the caller to give up) before answering.</summary>
    public void Stall(FederationEndpoint endpoint, Task release) => _stalls[endpoint] = release;

    /// <summary>Vertex AI stops accepting <paramref name="token"/> (revoked, or expired early).</summary>
    public void Revoke(string token)
    {
        _federatedTokens.TryRemove(token, out _);
        _serviceAccountTokens.TryRemove(token, out _);
    }

    /// <summary>Every token this stand-in issued, Azure's and Google's, and the identity header: none may appear in a log or an answer.</summary>
    public IReadOnlyList<string> Secrets => [IdentityHeader, .. _azureTokens.Keys, .. _federatedTokens.Keys, .. _serviceAccountTokens.Keys, .. IssuedTokens];

    /// <summary>Vertex AI's answer to an Authorization header: 200, 401 (not a token issued here) or 403 (no Vertex AI User role).</summary>
    public int VertexAuthorization(string? authorization)
    {
        var bearer = authorization is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : null;
        if (bearer is null || !(_serviceAccountTokens.ContainsKey(bearer) || _federatedTokens.ContainsKey(bearer)))
        {
            return 401;
        }

        return VertexRoleGranted ? 200 : 403;
    }

    /// <summary>The app's settings for the managed-identity route against this stand-in and Gemini's (<paramref name="separator"/> ":" or "__").</summary>
    public Dictionary<string, string> Settings(GeminiStandIn gemini, string separator, bool impersonate = true) => new()
    {
        [$"Gemini{separator}Endpoint"] = gemini.Url,
        [$"Gemini{separator}Project"] = "health-oracle",
        [$"Gemini{separator}Location"] = "europe-west4",
        [$"Gemini{separator}WorkloadIdentityProvider"] = Provider,
        [$"Gemini{separator}ManagedIdentityAudience"] = AllowedAudience,
        [$"Gemini{separator}ManagedIdentityClientId"] = ClientId,
        [$"Gemini{separator}ServiceAccount"] = impersonate ? ServiceAccount : "",
        [$"Gemini{separator}StsEndpoint"] = Url,
        [$"Gemini{separator}IamCredentialsEndpoint"] = Url,
    };

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        FederationEndpoint? endpoint = path == "/msi/token" ? FederationEndpoint.ManagedIdentity
            : path == "/v1/token" ? FederationEndpoint.Sts
            : path.StartsWith("/v1/projects/-/serviceAccounts/", StringComparison.Ordinal) && path.EndsWith(":generateAccessToken", StringComparison.Ordinal)
                ? FederationEndpoint.IamCredentials
                : null;
        if (endpoint is not { } reached)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonNode? json = null;
        if (context.Request.HasFormContentType)
        {
            foreach (var (key, value) in await context.Request.ReadFormAsync())
            {
                form[key] = value.ToString();
            }
        }
        else if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            json = await JsonNode.ParseAsync(context.Request.Body);
        }

        if (_stalls.TryGetValue(reached, out var release))
        {
            await Task.WhenAny(release, Task.Delay(Timeout.Infinite, context.RequestAborted));
        }

        var (status, body) = _faults.TryGetValue(reached, out var faults) && faults.TryDequeue(out var fault)
            ? (fault, Error(reached, fault, fault >= 500 ? "backendError" : "scripted", "Scripted failure."))
            : reached switch
            {
                FederationEndpoint.ManagedIdentity => ManagedIdentity(context.Request),
                FederationEndpoint.Sts => Sts(form),
                _ => Iam(context.Request, path, json),
            };
        _requests.Enqueue(new FederationRequest(reached, context.Request.Method, path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            form, json, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    // App Service's protocol, as Flex Consumption serves it.
    private (int, JsonObject) ManagedIdentity(HttpRequest request)
    {
        if (request.Method != "GET" || request.Query["api-version"] != ApiVersion)
        {
            return (400, new JsonObject { ["statusCode"] = 400, ["message"] = "api-version is missing or not supported." });
        }

        if (request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
        {
            return (401, new JsonObject { ["statusCode"] = 401, ["message"] = "X-IDENTITY-HEADER is missing or wrong." });
        }

        var clientId = request.Query["client_id"].ToString();
        if (clientId != ClientId)
        {
            return (400, new JsonObject { ["statusCode"] = 400, ["message"] = "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId." });
        }

        var resource = request.Query["resource"].ToString();
        if (resource.Length == 0)
        {
            return (400, new JsonObject { ["statusCode"] = 400, ["message"] = "resource is required." });
        }

        var token = $"eyJ0eXAiOiJKV1QifQ.azure-managed-identity-{Interlocked.Increment(ref _issued)}.signature";
        _azureTokens[token] = (resource, PrincipalId);
        return (200, new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = DateTimeOffset.UtcNow.AddHours(24).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = ClientId,
        });
    }

    private (int, JsonObject) Sts(Dictionary<string, string> form)
    {
        string Field(string name) => form.TryGetValue(name, out var value) ? value : "";
        var wrong = new[] { ("grant_type", TokenExchangeGrant), ("requested_token_type", AccessTokenType), ("subject_token_type", JwtTokenType) }
            .Where(expected => Field(expected.Item1) != expected.Item2).Select(expected => $"{expected.Item1}='{Field(expected.Item1)}'").ToList();
        if (Field("scope") is not (CloudPlatformScope or IamScope))
        {
            wrong.Add($"scope='{Field("scope")}'");
        }

        if (wrong.Count > 0)
        {
            return (400, OAuthError("invalid_request", "Missing or wrong: " + string.Join(", ", wrong) + "."));
        }

        if (Field("audience") != "//iam.googleapis.com/" + Provider)
        {
            return (400, OAuthError("invalid_target", "The target service indicated by the \"audience\" parameters is invalid."));
        }

        if (!_azureTokens.TryGetValue(Field("subject_token"), out var subject) || subject.Audience != AllowedAudience)
        {
            return (400, OAuthError("invalid_grant", "The audience in ID Token does not match the expected audience."));
        }

        if (subject.Subject != (AllowedSubject ?? PrincipalId))
        {
            return (400, OAuthError("unauthorized_client", "The given credential is rejected by the attribute condition."));
        }

        var token = $"ya29.federated-{Interlocked.Increment(ref _issued)}";
        _federatedTokens[token] = true;
        IssuedTokens = [.. IssuedTokens, token];
        return (200, new JsonObject
        {
            ["access_token"] = token,
            ["issued_token_type"] = AccessTokenType,
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
        });
    }

    private (int, JsonObject) Iam(HttpRequest request, string path, JsonNode? body)
    {
        var bearer = request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !_federatedTokens.ContainsKey(bearer["Bearer ".Length..]))
        {
            return (401, Error(FederationEndpoint.IamCredentials, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials."));
        }

        var account = Uri.UnescapeDataString(path["/v1/projects/-/serviceAccounts/".Length..^":generateAccessToken".Length]);
        if (account != ServiceAccount)
        {
            return (404, Error(FederationEndpoint.IamCredentials, 404, "NOT_FOUND", "Not found; Gaia id not found for email."));
        }

        if (!ImpersonationAllowed)
        {
            return (403, Error(FederationEndpoint.IamCredentials, 403, "PERMISSION_DENIED",
                "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)."));
        }

        if (body?["scope"] is not JsonArray scopes || !scopes.Any(s => s?.GetValue<string>() == CloudPlatformScope))
        {
            return (400, Error(FederationEndpoint.IamCredentials, 400, "INVALID_ARGUMENT", "scope is required."));
        }

        var token = $"ya29.service-account-{Interlocked.Increment(ref _issued)}";
        _serviceAccountTokens[token] = true;
        IssuedTokens = [.. IssuedTokens, token];
        return (200, new JsonObject
        {
            ["accessToken"] = token,
            ["expireTime"] = Clock.GetUtcNow().AddSeconds(TokenLifetimeSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
    }

    private static JsonObject OAuthError(string error, string description) => new() { ["error"] = error, ["error_description"] = description };

    // Each service's own error shape: the managed identity endpoint's, OAuth's (STS), Google's (IAM Credentials).
    private static JsonObject Error(FederationEndpoint endpoint, int status, string code, string message) => endpoint switch
    {
        FederationEndpoint.ManagedIdentity => new JsonObject { ["statusCode"] = status, ["message"] = message },
        FederationEndpoint.Sts => OAuthError(status >= 500 ? "server_error" : code, message),
        _ => new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = status >= 500 ? "UNAVAILABLE" : code } },
    };
}
