using System.Security.Cryptography;
using System.Text;
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
/// per client address (then 429 with Retry-After); such a call is marked <see cref="SiteCall"/>. A program using that route gets one person's
/// throughput; more needs a key. Without a configured key (no gateway) this middleware does nothing.
/// </summary>
internal sealed partial class GatewayMiddleware(IOptions<GatewayOptions> options, ClientAddress clients, ILogger<GatewayMiddleware> logger)
    : IFunctionsWorkerMiddleware, IDisposable
{
    private const string CallingTheApi = "docs/calling-the-api.md";

    private readonly GatewayOptions _options = options.Value;

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.Key ?? "");

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
        if (!_options.Enabled || context.GetHttpContext() is not { } http || !IsPaid(http.Request) || FromGateway(http.Request))
        {
            await next(context);
            return;
        }

        // A batch is refused by the prediction route itself, from the body it has read once (SiteCall).
        http.Features.Set(SiteCall.Instance);
        using var lease = _sitePermits.AttemptAcquire(clients.Of(http.Request));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            LogRefused(logger, context.FunctionDefinition.Name, "rate");
            AppTelemetry.RateLimitRejected(AppTelemetry.Limits.Site);
            await Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"Without a subscription key this address may make {Math.Max(1, _options.SitePermitsPerMinute)} calls a minute; retry in {retryAfter} seconds, or call the API through the gateway with a key ({CallingTheApi}).",
                retryAfter).ExecuteAsync(http);
            return;
        }

        await next(context);
    }

    public void Dispose() => _sitePermits.Dispose();

    private bool IsPaid(HttpRequest request) => _options.IsPaid(request.Method, request.Path);

    private bool FromGateway(HttpRequest request) =>
        request.Headers.TryGetValue(GatewayOptions.KeyHeader, out var sent)
        && sent.Count == 1
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent[0] ?? ""), _key);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Function {FunctionName}: a direct call (no gateway key) was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string functionName, string reason);
}
