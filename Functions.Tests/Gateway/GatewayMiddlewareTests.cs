using System.Text;
using System.Text.Json;
using HealthOracle.Functions.Gateway;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Tests.Gateway;

public sealed class GatewayMiddlewareTests
{
    private const string Key = "6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2b";
    private const string OnePatient = """{"age":63,"sex":1}""";
    private const string TwoPatients = """ [{"age":63,"sex":1},{"age":41,"sex":0}]""";

    private readonly FakeLogger<GatewayMiddleware> _logger = new();

    [Theory]
    [InlineData("POST", "/api/predict/heart", true)]
    [InlineData("POST", "/api/PREDICT/lung", true)]
    [InlineData("POST", "/api/chat", true)]
    [InlineData("POST", "/api/chat/suggestions", true)]
    [InlineData("GET", "/api/predict/heart", false)]
    [InlineData("POST", "/api/chatter", false)]
    [InlineData("POST", "/api/me/profile", false)]
    [InlineData("GET", "/api/health", false)]
    [InlineData("GET", "/api/openapi.json", false)]
    public async Task Invoke_DirectCall_IsMarkedASiteCallOnlyOnThePaidRoutes(string method, string path, bool paid)
    {
        using var middleware = Middleware();
        var http = Request(method, path, TwoPatients);

        var ran = await InvokeAsync(middleware, http);

        // The middleware reads no body: the route refuses a batch itself, from the body it reads once.
        Assert.True(ran);
        Assert.Equal(paid, http.Request.IsSiteCall());
        Assert.Equal(StatusCodes.Status200OK, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_DirectSinglePatient_RunsTheFunctionWithTheWholeBody()
    {
        using var middleware = Middleware();
        var http = Request("POST", "/api/predict/heart", "\n  " + OnePatient);
        string? bodySeen = null;

        var ran = await InvokeAsync(middleware, http, async () => bodySeen = await new StreamReader(http.Request.Body).ReadToEndAsync());

        Assert.True(ran);
        Assert.Equal("\n  " + OnePatient, bodySeen);
    }

    [Fact]
    public async Task Invoke_DirectFormPost_IsOnePatientAndRuns()
    {
        using var middleware = Middleware();
        var http = Request("POST", "/api/predict/heart", "[age]=63", "application/x-www-form-urlencoded");

        var ran = await InvokeAsync(middleware, http);

        Assert.True(ran);
    }

    [Fact]
    public async Task Invoke_GatewayKey_PassesBatchesAndIsNotCountedAgainstTheSiteLimit()
    {
        using var middleware = Middleware(sitePermitsPerMinute: 1);
        var results = new List<bool>();

        for (var i = 0; i < 3; i++)
        {
            var http = Request("POST", "/api/predict/heart", TwoPatients, client: "203.0.113.7");
            http.Request.Headers[GatewayOptions.KeyHeader] = Key;
            results.Add(await InvokeAsync(middleware, http));
        }

        var direct = Request("POST", "/api/predict/heart", OnePatient, client: "203.0.113.7");
        var directRan = await InvokeAsync(middleware, direct);

        Assert.Equal([true, true, true], results);
        Assert.True(directRan);
        Assert.True(direct.Request.IsSiteCall());
    }

    [Theory]
    [InlineData("6f1c2b7e-3d4a-4e5f-9a8b-7c6d5e4f3a2")]
    [InlineData("6F1C2B7E-3D4A-4E5F-9A8B-7C6D5E4F3A2B")]
    [InlineData("")]
    public async Task Invoke_WrongGatewayKey_IsADirectCall(string sent)
    {
        using var middleware = Middleware();
        var http = Request("POST", "/api/predict/heart", TwoPatients);
        http.Request.Headers[GatewayOptions.KeyHeader] = sent;

        var ran = await InvokeAsync(middleware, http);

        Assert.True(ran);
        Assert.True(http.Request.IsSiteCall());
    }

    [Fact]
    public async Task Invoke_DirectCallsOverTheSiteLimit_Answer429WithRetryAfterPerClientAddress()
    {
        using var middleware = Middleware(sitePermitsPerMinute: 2);
        var answers = new List<int>();
        var left = new List<string>();

        for (var i = 0; i < 3; i++)
        {
            var http = Request("POST", "/api/predict/heart", OnePatient, client: "203.0.113.7", forgedForwardedFor: "198.51.100.1");
            await InvokeAsync(middleware, http);
            answers.Add(http.Response.StatusCode);
            left.Add(http.Response.Headers["RateLimit"].ToString());
            Assert.Equal("\"site\";q=2;w=60", http.Response.Headers["RateLimit-Policy"].ToString());
        }

        var limited = Request("POST", "/api/chat", """{"message":"hello"}""", client: "203.0.113.7");
        await InvokeAsync(middleware, limited);
        var other = Request("POST", "/api/predict/heart", OnePatient, client: "203.0.113.8");
        var otherRan = await InvokeAsync(middleware, other);

        Assert.Equal([200, 200, 429], answers);
        Assert.Equal("\"site\";r=1", left[0]);
        Assert.Equal("\"site\";r=0", left[1]);
        Assert.Matches("^\"site\";r=0;t=[1-9][0-9]?$", left[2]);
        Assert.Equal(429, limited.Response.StatusCode);
        Assert.True(int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal(429, ReadProblem(limited).GetProperty("status").GetInt32());
        Assert.True(otherRan);
    }

    [Fact]
    public async Task Invoke_ForgedForwardedFor_DoesNotEscapeTheSiteLimit()
    {
        // Issue 18, defect 3, and issue 24, S1: a new forged address per call from one client.
        using var middleware = Middleware(sitePermitsPerMinute: 3);
        var ran = new List<bool>();

        for (var i = 1; i <= 6; i++)
        {
            ran.Add(await InvokeAsync(middleware, Request("POST", "/api/predict/heart", OnePatient, client: "127.0.0.1", forgedForwardedFor: $"203.0.113.{i}")));
        }

        Assert.Equal([true, true, true, false, false, false], ran);
    }

    [Fact]
    public async Task Invoke_NoGatewayConfigured_EveryCallRunsAsBefore()
    {
        using var middleware = Middleware(key: "", sitePermitsPerMinute: 1);
        var ran = new List<bool>();

        for (var i = 0; i < 3; i++)
        {
            ran.Add(await InvokeAsync(middleware, Request("POST", "/api/predict/heart", TwoPatients)));
        }

        Assert.Equal([true, true, true], ran);
        Assert.Empty(_logger.Collector.GetSnapshot());
    }

    public static TheoryData<string, string> KeysThatAreNotKeys => new()
    {
        // What App Service hands the app when it cannot resolve the reference: the reference's own text.
        { "@Microsoft.KeyVault(SecretUri=https://kv-abc123def456.vault.azure.net/secrets/apim-gateway-key-a/)", GatewayKeys.Reasons.UnresolvedReference },
        { " @microsoft.keyvault(VaultName=kv-abc123def456;SecretName=apim-gateway-key-a)", GatewayKeys.Reasons.UnresolvedReference },
        { "", GatewayKeys.Reasons.Empty },
        { "short-but-not-empty", GatewayKeys.Reasons.TooShort },
    };

    [Theory]
    [MemberData(nameof(KeysThatAreNotKeys))]
    public async Task Invoke_RequiredGatewayWithoutAUsableKey_RefusesEveryPaidCallWith503AndTheReason(string key, string reason)
    {
        using var middleware = Middleware(new GatewayOptions { Key = key, Required = true });
        var direct = Request("POST", "/api/predict/heart", OnePatient);
        var claimingTheReference = Request("POST", "/api/predict/heart", TwoPatients);
        claimingTheReference.Request.Headers[GatewayOptions.KeyHeader] = key;
        var health = Request("GET", "/api/health", "");

        var directRan = await InvokeAsync(middleware, direct);
        var claimRan = await InvokeAsync(middleware, claimingTheReference);
        var healthRan = await InvokeAsync(middleware, health);

        Assert.False(directRan);
        Assert.False(claimRan);
        Assert.True(healthRan);
        foreach (var refused in new[] { direct, claimingTheReference })
        {
            var problem = ReadProblem(refused);
            Assert.Equal(503, refused.Response.StatusCode);
            Assert.Equal("application/problem+json", refused.Response.ContentType);
            Assert.Equal(GatewayMiddleware.NotConfiguredReason, problem.GetProperty("reason").GetString());
            Assert.Equal("60", refused.Response.Headers.RetryAfter.ToString());
        }

        Assert.All(_logger.Collector.GetSnapshot(), record =>
        {
            Assert.Contains(reason, record.Message);
            Assert.DoesNotContain("vault.azure.net", record.Message);
        });
    }

    [Fact]
    public void Keys_UnresolvedReference_ReportsDegradedHealthNamingTheSettingButNotItsValue()
    {
        var options = Options.Create(new GatewayOptions { Key = "@Microsoft.KeyVault(SecretUri=https://kv-abc123def456.vault.azure.net/secrets/apim-gateway-key-a/)", Required = true });
        var store = new HealthOracle.Functions.Tests.Models.TestModelStore();
        using var host = new HealthOracle.Functions.Tests.Predictions.TestPredictionHost(store);
        var reporter = new HealthOracle.Functions.Health.HealthReporter(
            host.Registry, Options.Create(new HealthOracle.Functions.Chat.GeminiOptions()), new HealthOracle.Functions.Chat.Gemini.Federation.VertexTokenStatus(),
            [new GatewayHealth(new GatewayKeys(options))]);

        var report = reporter.Report();

        Assert.Equal("degraded", report.Status);
        var problem = Assert.Single(report.Problems);
        Assert.Contains("Gateway__Key", problem);
        Assert.Contains("unresolved Key Vault reference", problem);
        Assert.DoesNotContain("kv-abc123def456", problem);
    }

    [Fact]
    public async Task Invoke_KeyAndPreviousKey_BothPassTheGatewayDuringARotation()
    {
        const string Previous = "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";
        using var middleware = Middleware(new GatewayOptions { Key = Key, PreviousKey = Previous, SitePermitsPerMinute = 1 });
        var fromGateway = new List<bool>();

        foreach (var sent in new[] { Key, Previous, Key, Previous })
        {
            var http = Request("POST", "/api/predict/heart", TwoPatients);
            http.Request.Headers[GatewayOptions.KeyHeader] = sent;
            var ran = await InvokeAsync(middleware, http);
            fromGateway.Add(ran && !http.Request.IsSiteCall());
        }

        // One site call a minute would have refused the second: none of these is one.
        Assert.Equal([true, true, true, true], fromGateway);
    }

    [Fact]
    public async Task Invoke_PreviousKeyNotUsable_IsNeverAcceptedAndIsReportedButTheKeyStillWorks()
    {
        const string Unresolved = "@Microsoft.KeyVault(SecretUri=https://kv-abc123def456.vault.azure.net/secrets/apim-gateway-key-b/)";
        var options = new GatewayOptions { Key = Key, PreviousKey = Unresolved };
        using var middleware = Middleware(options);
        var withKey = Request("POST", "/api/predict/heart", TwoPatients);
        withKey.Request.Headers[GatewayOptions.KeyHeader] = Key;
        var withReference = Request("POST", "/api/predict/heart", TwoPatients);
        withReference.Request.Headers[GatewayOptions.KeyHeader] = Unresolved;

        await InvokeAsync(middleware, withKey);
        await InvokeAsync(middleware, withReference);

        var problems = new GatewayHealth(new GatewayKeys(Options.Create(options))).Problems().ToList();
        Assert.False(withKey.Request.IsSiteCall());
        // The reference's text is no key: the call is the site's route, where the prediction refuses a batch.
        Assert.True(withReference.Request.IsSiteCall());
        Assert.Contains(problems, p => p.Contains("Gateway__PreviousKey", StringComparison.Ordinal) && p.Contains("not accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_NoGatewayRequiredAndNoKey_IsHealthyAndOpen()
    {
        var options = new GatewayOptions { Key = "", Required = false };
        using var middleware = Middleware(options);

        var ran = await InvokeAsync(middleware, Request("POST", "/api/predict/heart", TwoPatients));

        Assert.True(ran);
        Assert.Empty(new GatewayHealth(new GatewayKeys(Options.Create(options))).Problems());
    }

    private GatewayMiddleware Middleware(string key = Key, int sitePermitsPerMinute = 30) =>
        Middleware(new GatewayOptions { Key = key, SitePermitsPerMinute = sitePermitsPerMinute });

    private GatewayMiddleware Middleware(GatewayOptions options) =>
        new(Options.Create(options), new GatewayKeys(Options.Create(options)), new ClientAddress(Options.Create(new ClientAddressOptions())), _logger);

    /// <summary>A request as a function receives it behind the Functions host: <paramref name="client"/> is the connection's address.</summary>
    private static DefaultHttpContext Request(string method, string path, string body, string contentType = "application/json", string client = "203.0.113.9", string? forgedForwardedFor = null)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(client);
        if (forgedForwardedFor is not null)
        {
            http.Request.Headers["X-Forwarded-For"] = forgedForwardedFor;
        }

        return http;
    }

    /// <summary>Runs the middleware around a stand-in function; true when the function ran.</summary>
    private static async Task<bool> InvokeAsync(GatewayMiddleware middleware, HttpContext http, Func<Task>? function = null)
    {
        var ran = false;
        await middleware.Invoke(new TestFunctionContext(FunctionNameOf(http.Request.Path), http: http), async _ =>
        {
            ran = true;
            if (function is not null)
            {
                await function();
            }
        });
        return ran;
    }

    private static string FunctionNameOf(PathString path) =>
        path.StartsWithSegments("/api/predict", StringComparison.OrdinalIgnoreCase) ? "HeartPrediction" : "Chat";

    private static JsonElement ReadProblem(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return JsonDocument.Parse(http.Response.Body).RootElement.Clone();
    }
}
