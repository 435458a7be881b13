using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// Kestrel on a free loopback port, every request answered by one handler: the server under each stand-in (Gemini,
/// Workload Identity Federation, the API Management gateway, an EHR's FHIR server).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, string url) => (_app, Url) = (app, url);

    /// <summary>The base URL, without a trailing slash (<c>http://127.0.0.1:PORT</c>).</summary>
    public string Url { get; }

    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{FreePort.Next()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(url);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.Run(handler);
            try
            {
                await app.StartAsync();
                return new LoopbackServer(app, url);
            }
            catch (IOException) when (attempt < 5)
            {
                // The port was bound by something outside the tests between FreePort and Kestrel's bind: try another.
                await app.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
