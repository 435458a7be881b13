using System.Threading.RateLimiting;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// The paid API (POSTs to predictions and chat) is the gateway's: a call that carries the gateway's key
/// passes untouched, since API Management has already checked the caller's subscription and limits. Any
/// other call is the static site's route, open to anyone but sized for one person at a browser: one
/// patient at a time (a JSON array, a batch, is 403) and <see cref="GatewayOptions.SitePermitsPerMinute"/>
/// per client address (then 429 with Retry-After); such a call is marked <see cref="SiteCall"/>. A program using
/// that route gets one person's throughput; more needs a key. Without a gateway (nothing configured) this
/// middleware does nothing. A gateway that is required but whose key is not a real key fails closed: every paid
/// call is 503 with the reason (<see cref="GatewayKeys"/>), since a gateway call and a direct one can no longer
/// be told apart.
/// </summary>
internal sealed partial class GatewayMiddleware(IOptions<GatewayOptions> options, GatewayKeys keys, ClientAddress clients, ILogger<GatewayMiddleware> logger)
    : IFunctionsWorkerMiddleware, IDisposable
{
    private const string CallingTheApi = "docs/calling-the-api.md";

    /// <summary>The <c>reason</c> of the 503 while the gateway is required and not configured.</summary>
    public const string NotConfiguredReason = "GatewayNotConfigured";

    /// <summary>An operator's fix (a role taking effect, a restart) takes minutes, not seconds.</summary>
    private const int NotConfiguredRetryAfterSeconds = 60;

    private readonly GatewayOptions _options = options.Value;

    private readonly PartitionedRateLimiter<string> _sitePermits = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SitePermitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (!keys.Required || context.GetHttpContext() is not { } http || !IsPaid(http.Request) || FromGateway(http.Request))
        {
            await next(context);
            return;
        }

        if (keys.NotConfigured)
        {
            LogNotConfigured(logger, context.FunctionDefinition.Name, keys.Reason!);
            await Problems.Status(ProblemTypes.GatewayNotConfigured,
                "This deployment requires its API gateway's key, and the app cannot read a valid one, so paid calls are refused rather than let through unchecked. " +
                "The operator has been alerted (GET /api/health lists the problem).",
                NotConfiguredRetryAfterSeconds,
                new Dictionary<string, object?> { ["reason"] = NotConfiguredReason }).ExecuteAsync(http);
            return;
        }

        // A batch is refused by the prediction route itself, from the body it has read once (SiteCall).
        http.Features.Set(SiteCall.Instance);
        var client = clients.Of(http.Request);
        using var lease = _sitePermits.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            WriteRateLimit(http.Response, 0, retryAfter);
            LogRefused(logger, context.FunctionDefinition.Name, "rate");
            AppTelemetry.RateLimitRejected(AppTelemetry.Limits.Site);
            await Problems.Status(ProblemTypes.TooManyRequests,
                $"Without a subscription key this address may make {Math.Max(1, _options.SitePermitsPerMinute)} calls a minute; retry in {retryAfter} seconds, or call the API through the gateway with a key ({CallingTheApi}).",
                retryAfter).ExecuteAsync(http);
            return;
        }

        WriteRateLimit(http.Response, (int)(_sitePermits.GetStatistics(client)?.CurrentAvailablePermits ?? 0), null);
        await next(context);
    }

    /// <summary>
    /// The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the site's per-address policy, and what is
    /// left of it (with the seconds to wait once none is). Through the gateway, API Management's policy sends its own.
    /// </summary>
    private void WriteRateLimit(HttpResponse response, int remaining, int? resetSeconds)
    {
        response.Headers["RateLimit-Policy"] = $"\"site\";q={Math.Max(1, _options.SitePermitsPerMinute)};w=60";
        response.Headers["RateLimit"] = resetSeconds is { } seconds ? $"\"site\";r={remaining};t={seconds}" : $"\"site\";r={remaining}";
    }

    public void Dispose() => _sitePermits.Dispose();

    private bool IsPaid(HttpRequest request) => _options.IsPaid(request.Method, request.Path);

    private bool FromGateway(HttpRequest request) =>
        request.Headers.TryGetValue(GatewayOptions.KeyHeader, out var sent)
        && sent.Count == 1
        && keys.Accepts(sent[0]);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Function {FunctionName}: a direct call (no gateway key) was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Function {FunctionName}: refused with 503, the API gateway is required but its key is not configured ({Reason})")]
    private static partial void LogNotConfigured(ILogger logger, string functionName, string reason);
}
