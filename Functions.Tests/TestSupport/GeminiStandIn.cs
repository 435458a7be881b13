using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel on loopback, a free port) that stands in for Gemini: both the Gemini API
/// (<c>/v1beta/models/{model}:generateContent</c>, key in <c>x-goog-api-key</c>) and Vertex AI
/// (<c>/v1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent</c>, a bearer token
/// from its own OAuth2 <c>/token</c> endpoint). It records every request, checks it as Gemini would
/// (answering 400/401/403/404 when it is wrong), and answers with scripted behaviours, or by default a
/// short reply (12 suggestions when JSON output is asked for).
/// Point the app at it with <c>Gemini__Endpoint=Url</c> and <c>Gemini__ApiKey=ApiKey</c>.
/// </summary>
public sealed class GeminiStandIn : IAsyncDisposable
{
    public const string DefaultApiKey = "stand-in-api-key";
    public const string AccessToken = "ya29.stand-in-access-token";
    public const string AzureSubjectToken = "azure-managed-identity-jwt";
    public const string ModelVersion = "gemini-2.5-flash";
    public const string DefaultReply = "**Stand-in reply.** General information only; see a health professional.";

    private static readonly string[] HarmCategories =
        ["HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT"];

    private LoopbackServer? _server;
    private readonly ConcurrentQueue<GeminiBehavior> _behaviors = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<GeminiBehavior>> _behaviorsByQuestion = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<GeminiRecordedRequest> _requests = new();
    private readonly ConcurrentQueue<GeminiTokenRequest> _tokenRequests = new();

    private GeminiStandIn(string apiKey) => ApiKey = apiKey;

    /// <summary>The base URL, without a trailing slash (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Url => _server!.Url;

    public string ApiKey { get; }

    public string TokenUrl => Url + "/token";

    /// <summary>When set, the token endpoint answers 400 invalid_grant (a revoked or wrong service-account key).</summary>
    public bool RefuseTokens { get; set; }

    /// <summary>
    /// Decides a Vertex AI request's Authorization header (200, 401 or 403), as a token issuer's stand-in knows its
    /// tokens (<see cref="WorkloadIdentityStandIn.VertexAuthorization"/>); unset, only <see cref="AccessToken"/> is accepted.
    /// </summary>
    public Func<string?, int>? VertexAuthorization { get; set; }

    /// <summary>Every generateContent / streamGenerateContent request, in arrival order.</summary>
    public IReadOnlyList<GeminiRecordedRequest> Requests => [.. _requests];

    /// <summary>Every OAuth2 token request (Vertex AI mode).</summary>
    public IReadOnlyList<GeminiTokenRequest> TokenRequests => [.. _tokenRequests];

    public static async Task<GeminiStandIn> StartAsync(string apiKey = DefaultApiKey)
    {
        var standIn = new GeminiStandIn(apiKey);
        standIn._server = await LoopbackServer.StartAsync(standIn.HandleAsync);
        return standIn;
    }

    /// <summary>Queues behaviours; each request takes the next one, and the default once the queue is empty.</summary>
    public void Enqueue(params GeminiBehavior[] behaviors)
    {
        foreach (var behavior in behaviors)
        {
            _behaviors.Enqueue(behavior);
        }
    }

    /// <summary>
    /// Queues behaviours for the requests whose last text (the person's question) is exactly <paramref name="question"/>;
    /// others never take them. For a stand-in that several tests share: a behaviour a test queued but did not use (its
    /// call refused before Gemini, or the test failed) can then never answer another test's call, whatever the order.
    /// </summary>
    public void When(string question, params GeminiBehavior[] behaviors)
    {
        var queue = _behaviorsByQuestion.GetOrAdd(question, _ => new ConcurrentQueue<GeminiBehavior>());
        foreach (var behavior in behaviors)
        {
            queue.Enqueue(behavior);
        }
    }

    /// <summary>Writes a service-account key file whose <c>token_uri</c> is this stand-in, for Vertex AI mode.</summary>
    public string WriteServiceAccountFile(string directory)
    {
        using var rsa = RSA.Create(2048);
        var key = new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "stand-in-project",
            ["private_key_id"] = "stand-in-key-id",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "chat@stand-in-project.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = TokenUrl,
        };
        var path = Path.Combine(directory, $"service-account-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, key.ToJsonString());
        return path;
    }

    /// <summary>
    /// Writes a workload identity federation configuration (<c>external_account</c>, no secret in it) as used
    /// from Azure: the subject token comes from a URL (here the stand-in's <c>/azure-identity</c>, standing in
    /// for the managed identity endpoint) and is exchanged at the stand-in's <c>/sts</c>.
    /// </summary>
    public string WriteExternalAccountFile(string directory)
    {
        var configuration = new JsonObject
        {
            ["type"] = "external_account",
            ["audience"] = "//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/azure/providers/entra",
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:jwt",
            ["token_url"] = Url + "/sts",
            ["credential_source"] = new JsonObject
            {
                ["url"] = Url + "/azure-identity",
                ["headers"] = new JsonObject { ["Metadata"] = "True" },
                ["format"] = new JsonObject { ["type"] = "json", ["subject_token_field_name"] = "access_token" },
            },
        };
        var path = Path.Combine(directory, $"external-account-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, configuration.ToJsonString());
        return path;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/token")
        {
            await HandleTokenAsync(context);
            return;
        }

        if (context.Request.Path == "/azure-identity")
        {
            // The managed identity endpoint insists on the Metadata header.
            context.Response.StatusCode = context.Request.Headers["Metadata"] == "True" ? 200 : 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["access_token"] = AzureSubjectToken });
            return;
        }

        if (context.Request.Path == "/sts")
        {
            await HandleTokenExchangeAsync(context);
            return;
        }

        var recorded = await GeminiRecordedRequest.ReadAsync(context.Request);
        _requests.Enqueue(recorded);
        if (Check(recorded) is { } refusal)
        {
            await WriteErrorAsync(context.Response, refusal.Status, refusal.GoogleStatus, refusal.Message);
            return;
        }

        var behavior = recorded.Texts.Count > 0 && _behaviorsByQuestion.TryGetValue(recorded.Texts[^1], out var asked) && asked.TryDequeue(out var forQuestion) ? forQuestion
            : _behaviors.TryDequeue(out var next) ? next
            : GeminiBehavior.Default;
        await behavior.RespondAsync(context, recorded);
    }

    private (int Status, string GoogleStatus, string Message)? Check(GeminiRecordedRequest request)
    {
        if (request.Method != "POST" || request.Target is null || request.Model is null)
        {
            return (404, "NOT_FOUND", $"No such method: {request.Method} {request.Path}.");
        }

        if (request.Stream != (request.Query == "?alt=sse"))
        {
            return (400, "INVALID_ARGUMENT", "streamGenerateContent is served as SSE with alt=sse only.");
        }

        if (request.Target == "gemini-api" && (request.ApiKey != ApiKey || request.Query.Contains("key=", StringComparison.Ordinal)))
        {
            return (403, "PERMISSION_DENIED", "API key missing or not valid (send it in x-goog-api-key).");
        }

        var authorization = request.Target != "vertex" ? 200
            : VertexAuthorization?.Invoke(request.Authorization) ?? (request.Authorization == "Bearer " + AccessToken ? 200 : 401);
        if (authorization == 401)
        {
            return (401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
        }

        if (authorization == 403)
        {
            return (403, "PERMISSION_DENIED", "Permission 'aiplatform.endpoints.predict' denied on resource (or it may not exist).");
        }

        var violations = Violations(request.Body).ToList();
        request.Violations.AddRange(violations);
        return violations.Count > 0 ? (400, "INVALID_ARGUMENT", string.Join(" ", violations)) : null;
    }

    private static IEnumerable<string> Violations(JsonNode? body)
    {
        if (body is not JsonObject request)
        {
            yield return "The body is not a JSON object.";
            yield break;
        }

        foreach (var key in request.Select(p => p.Key).Except(["contents", "systemInstruction", "generationConfig", "safetySettings"]))
        {
            yield return $"Unknown field '{key}'.";
        }

        if (request["contents"] is not JsonArray { Count: > 0 } contents)
        {
            yield return "contents is required.";
            yield break;
        }

        foreach (var content in contents)
        {
            if (content?["role"]?.GetValue<string>() is not ("user" or "model"))
            {
                yield return "Each content's role must be user or model.";
            }

            if (content?["parts"] is not JsonArray { Count: > 0 } parts || parts.Any(p => string.IsNullOrEmpty(p?["text"]?.GetValue<string>())))
            {
                yield return "Each content needs text parts.";
            }
        }

        if (contents[^1]?["role"]?.GetValue<string>() != "user")
        {
            yield return "The last content must be the user's.";
        }

        if (request["systemInstruction"] is JsonObject system && system["parts"] is not JsonArray { Count: > 0 })
        {
            yield return "systemInstruction needs parts.";
        }

        var categories = (request["safetySettings"] as JsonArray)?.Select(s => s?["category"]?.GetValue<string>()).ToList() ?? [];
        if (categories.Distinct().Count() != categories.Count || categories.Any(c => !HarmCategories.Contains(c)))
        {
            yield return "safetySettings has an unknown or repeated category.";
        }

        if (request["generationConfig"]?["responseSchema"] is JsonNode schema && !SchemaIsGemini(schema))
        {
            yield return "responseSchema types must be Gemini's (OBJECT, ARRAY, STRING, …).";
        }
    }

    private static bool SchemaIsGemini(JsonNode schema) =>
        schema["type"]?.GetValue<string>() is "OBJECT" or "ARRAY" or "STRING" or "NUMBER" or "INTEGER" or "BOOLEAN"
        && (schema["items"] is null || SchemaIsGemini(schema["items"]!))
        && (schema["properties"] is not JsonObject properties || properties.All(p => p.Value is not null && SchemaIsGemini(p.Value)));

    private async Task HandleTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var assertion = form["assertion"].ToString();
        var claims = assertion.Split('.') is [_, var payload, _]
            ? JsonNode.Parse(Convert.FromBase64String(Base64(payload)))
            : null;
        var token = new GeminiTokenRequest(form["grant_type"].ToString(), claims?["scope"]?.GetValue<string>(),
            claims?["iss"]?.GetValue<string>(), claims?["aud"]?.GetValue<string>());
        _tokenRequests.Enqueue(token);
        if (RefuseTokens || token.GrantType != "urn:ietf:params:oauth:grant-type:jwt-bearer" || claims is null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_grant" });
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["access_token"] = AccessToken,
            ["expires_in"] = 3600,
            ["token_type"] = "Bearer",
        });
    }

    private async Task HandleTokenExchangeAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var exchange = new GeminiTokenRequest(form["grant_type"].ToString(), form["scope"].ToString(), form["subject_token"].ToString(),
            form["audience"].ToString());
        _tokenRequests.Enqueue(exchange);
        if (RefuseTokens || exchange.GrantType != "urn:ietf:params:oauth:grant-type:token-exchange" || exchange.Issuer != AzureSubjectToken)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_grant" });
            return;
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["access_token"] = AccessToken,
            ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
        });
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    internal static async Task WriteErrorAsync(HttpResponse response, int status, string googleStatus, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        await response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = status, ["message"] = message, ["status"] = googleStatus },
        }.ToJsonString());
    }
}

/// <summary>One request as the stand-in saw it, with accessors for what the tests check.</summary>
public sealed class GeminiRecordedRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    /// <summary><c>gemini-api</c>, <c>vertex</c>, or null when the path is neither.</summary>
    public string? Target { get; init; }

    public string? Model { get; init; }

    public bool Stream { get; init; }

    public string? ApiKey { get; init; }

    public string? Authorization { get; init; }

    public required string RawBody { get; init; }

    public JsonNode? Body { get; init; }

    /// <summary>What the stand-in refused in the body (empty when the request was well formed).</summary>
    public List<string> Violations { get; } = [];

    public IReadOnlyList<string> Roles => Contents.Select(c => c?["role"]?.GetValue<string>() ?? "").ToList();

    public IReadOnlyList<string> Texts => Contents.Select(c => string.Concat(
        (c?["parts"] as JsonArray ?? []).Select(p => p?["text"]?.GetValue<string>()))).ToList();

    public string? SystemInstruction => Body?["systemInstruction"]?["parts"] is JsonArray parts
        ? string.Concat(parts.Select(p => p?["text"]?.GetValue<string>()))
        : null;

    public JsonObject? GenerationConfig => Body?["generationConfig"] as JsonObject;

    public IReadOnlyDictionary<string, string> SafetySettings =>
        (Body?["safetySettings"] as JsonArray ?? []).ToDictionary(
            s => s?["category"]?.GetValue<string>() ?? "", s => s?["threshold"]?.GetValue<string>() ?? "");

    private IEnumerable<JsonNode?> Contents => Body?["contents"] as JsonArray ?? [];

    internal static async Task<GeminiRecordedRequest> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            body = null;
        }

        var path = request.Path.Value ?? "";
        var (target, model, stream) = Route(path);
        return new GeminiRecordedRequest
        {
            Method = request.Method,
            Path = path,
            Query = request.QueryString.Value ?? "",
            Target = target,
            Model = model,
            Stream = stream,
            ApiKey = request.Headers["x-goog-api-key"].FirstOrDefault(),
            Authorization = request.Headers.Authorization.FirstOrDefault(),
            RawBody = raw,
            Body = body,
        };
    }

    private static (string? Target, string? Model, bool Stream) Route(string path)
    {
        var segments = path.Trim('/').Split('/');
        var target = segments switch
        {
            ["v1beta", "models", _] => "gemini-api",
            ["v1", "projects", _, "locations", _, "publishers", "google", "models", _] => "vertex",
            _ => null,
        };
        var method = segments[^1].Split(':');
        return target is null || method is not [var model, "generateContent" or "streamGenerateContent"]
            ? (null, null, false)
            : (target, Uri.UnescapeDataString(model), method[1] == "streamGenerateContent");
    }
}

/// <summary>A token request: for a service-account JWT grant, Issuer is the JWT's iss; for a token exchange, the subject token.</summary>
public sealed record GeminiTokenRequest(string GrantType, string? Scope, string? Issuer, string? Audience);
