using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// A real HTTP server (Kestrel on loopback, a free port) that plays the API Management gateway in front of the
/// app as infra/app/apim-policies/api.xml configures it: a call needs <see cref="SubscriptionKey"/>
/// (<c>Ocp-Apim-Subscription-Key</c>, else 401), which is removed with the <c>subscription-key</c> query and the
/// client-principal headers; the gateway's own key goes to the app in <c>X-Gateway-Key</c>; the path under
/// <c>/api</c> is forwarded to the app's <c>/api</c>. No rate limits or quotas: those are API Management's.
/// </summary>
public sealed class GatewayStandIn : IAsyncDisposable
{
    public const string SubscriptionKey = "stand-in-subscription-key";

    private static readonly string[] NotForwarded =
        ["Host", "Ocp-Apim-Subscription-Key", "X-Gateway-Key", "Content-Length", "Transfer-Encoding", "Connection"];

    private readonly HttpClient _backend;
    private LoopbackServer? _server;
    private readonly string _gatewayKey;

    private GatewayStandIn(Uri backend, string gatewayKey)
    {
        _gatewayKey = gatewayKey;
        _backend = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = backend, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The gateway's base URL, without a trailing slash; the API is under <c>/api</c>.</summary>
    public string Url => _server!.Url;

    public static async Task<GatewayStandIn> StartAsync(Uri backend, string gatewayKey)
    {
        var gateway = new GatewayStandIn(backend, gatewayKey);
        gateway._server = await LoopbackServer.StartAsync(gateway.ForwardAsync);
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        _backend.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var sent = context.Request.Headers["Ocp-Apim-Subscription-Key"].ToString();
        if (sent.Length == 0)
        {
            sent = context.Request.Query["subscription-key"].ToString();
        }

        if (sent != SubscriptionKey || !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = sent != SubscriptionKey ? StatusCodes.Status401Unauthorized : StatusCodes.Status404NotFound;
            return;
        }

        var query = string.Join('&', context.Request.Query.Where(q => q.Key != "subscription-key").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + (query.Length > 0 ? "?" + query : ""));
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0)
        {
            body.Position = 0;
            request.Content = new StreamContent(body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (NotForwarded.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        request.Headers.TryAddWithoutValidation("X-Gateway-Key", _gatewayKey);
        using var response = await _backend.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!NotForwarded.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
