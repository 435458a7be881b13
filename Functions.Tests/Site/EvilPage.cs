using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.Site;

/// <summary>A page of another origin (Kestrel on another loopback port) that posts the heart form to the API: the form to the
/// page route the site's own form posts to, the script to the JSON route.</summary>
public sealed class EvilPage : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _served;

    private EvilPage(WebApplication app, Uri address) => (_app, Address) = (app, address);

    public Uri Address { get; }

    /// <summary>How many of its pages were served (so a test knows the browser really visited it).</summary>
    public int Served => _served;

    public static async Task<EvilPage> StartAsync(Uri api)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address.AbsoluteUri);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var evil = new EvilPage(app, address);
        var action = new Uri(api, "api/pages/predict/heart").AbsoluteUri;
        var json = new Uri(api, "api/predict/heart").AbsoluteUri;
        var fields = string.Concat(Patients.For("heart").Select(f => $"<input type=\"hidden\" name=\"{f.Key}\" value=\"{f.Value}\">"));
        app.Run(async http =>
        {
            Interlocked.Increment(ref evil._served);
            http.Response.ContentType = "text/html; charset=utf-8";
            var enctype = http.Request.Query["enctype"] == "multipart" ? "multipart/form-data" : "application/x-www-form-urlencoded";
            var values = string.Join("&", Patients.For("heart").Select(f => $"{f.Key}={f.Value}"));
            await http.Response.WriteAsync(http.Request.Path == "/fetch.html"
                ? $$"""
                  <!doctype html><title>Win a prize</title><body><script>
                  fetch("{{json}}", { method: "POST", mode: "no-cors", credentials: "include",
                    headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "{{values}}" })
                    .then(r => { document.body.dataset.result = r.type; document.body.dataset.sent = "true"; },
                          e => { document.body.dataset.result = "error: " + e; document.body.dataset.sent = "true"; });
                  </script></body>
                  """
                : $"""<!doctype html><title>Win a prize</title><form method="post" action="{action}" enctype="{enctype}">{fields}<button type="submit">Claim</button></form>""");
        });
        await app.StartAsync();
        return evil;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
