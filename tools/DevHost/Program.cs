using System.Net;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Timers;
using HealthOracle.DevHost.Workers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateSlimBuilder(args);
var options = DevHostOptions.FromConfiguration(builder.Configuration);
var settings = LocalSettings.Load(options.SettingsPath);
var context = new DevHostContext(
    options with { Port = options.Port > 0 ? options.Port : settings.LocalHttpPort ?? DevHostOptions.DefaultPort },
    settings,
    HostJson.Load(options.AppDirectory));

builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss.fff "; });

// ASP.NET Core's per-request lines (DevHost's and the worker's, relayed over RpcLog) drown the
// function logs; Core Tools does not print them either.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Loopback only: the keys and CORS here are for local work, never for a network.
    kestrel.Listen(IPAddress.Loopback, context.Options.Port, listen => listen.Protocols = HttpProtocols.Http1);
    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
    if (context.Options.SiteDirectory is not null)
    {
        kestrel.Listen(IPAddress.Loopback, context.Options.SitePort, listen => listen.Protocols = HttpProtocols.Http1);
    }
});
builder.Services.AddDevHost(context);

var app = builder.Build();
app.MapWhen(http => http.Connection.LocalPort == context.Options.Port, functions =>
{
    functions.UseCors(CorsSettings.PolicyName);
    var frontDoor = functions.ApplicationServices.GetRequiredService<FrontDoor>();
    functions.Run(frontDoor.HandleAsync);
});
if (context.Options.SiteDirectory is { } site)
{
    app.MapWhen(http => http.Connection.LocalPort == context.Options.SitePort, static_ =>
    {
        var files = new PhysicalFileProvider(site);
        static_.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        static_.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    });
}

app.UseRouting();
app.MapGrpcService<FunctionRpcService>();

await app.StartAsync();
var grpcAddress = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
    .Select(address => new Uri(address))
    .Single(address => address.Port != context.Options.Port && (context.Options.SiteDirectory is null || address.Port != context.Options.SitePort));
context.MarkStarted(new Uri($"http://127.0.0.1:{grpcAddress.Port}/"));
Banner.Print(app.Services, context);
await app.WaitForShutdownAsync();
