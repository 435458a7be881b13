using System.Net;
using System.Net.Sockets;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Telemetry;
using HealthOracle.DevHost.Timers;
using HealthOracle.DevHost.Workers;
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
builder.Logging.AddFilter("Grpc", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);

// The gRPC socket is bound first, so that the worker starts at once and connects while the rest of
// DevHost starts: the kernel holds its connection until Kestrel accepts it.
var grpcSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
grpcSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
grpcSocket.Listen(16);
var grpcUri = new Uri($"http://127.0.0.1:{((IPEndPoint)grpcSocket.LocalEndPoint!).Port}/");

// The worker's OpenTelemetry comes to DevHost's own OTLP/HTTP receiver (--telemetry, --otlp), on a loopback port
// bound here for the same reason: its address goes into the worker's environment.
var otlpSocket = context.Telemetry.Receives ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) : null;
if (otlpSocket is not null)
{
    otlpSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    otlpSocket.Listen(16);
    context.Telemetry.ReceiverUri = new Uri($"http://127.0.0.1:{((IPEndPoint)otlpSocket.LocalEndPoint!).Port}/");
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Loopback only: the keys and CORS here are for local work, never for a network.
    kestrel.Listen(IPAddress.Loopback, context.Options.Port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.UseProblemBodies();
    });
    kestrel.ListenHandle((ulong)grpcSocket.Handle, listen => listen.Protocols = HttpProtocols.Http2);
    if (otlpSocket is not null)
    {
        kestrel.ListenHandle((ulong)otlpSocket.Handle, listen => listen.Protocols = HttpProtocols.Http1);
    }

    if (context.Options.SiteDirectory is not null)
    {
        kestrel.Listen(IPAddress.Loopback, context.Options.SitePort, listen => listen.Protocols = HttpProtocols.Http1);
    }
});
builder.Services.AddDevHost(context);

var app = builder.Build();
app.MapWhen(http => http.Connection.LocalPort == context.Options.Port, functions =>
{
    functions.UseProblemBodies();
    functions.UseRequestIds();
    functions.UseCors(CorsSettings.PolicyName);
    var frontDoor = functions.ApplicationServices.GetRequiredService<FrontDoor>();
    functions.Run(frontDoor.HandleAsync);
});
if (context.Telemetry.ReceiverUri is { } receiver)
{
    var otlp = app.Services.GetRequiredService<OtlpReceiver>();
    app.MapWhen(http => http.Connection.LocalPort == receiver.Port, telemetry => telemetry.Run(otlp.HandleAsync));
}

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

// Each request continues its caller's trace, and the invocation it starts carries that trace context.
using var hostTrace = new HostTraceListener(app.Services.GetRequiredService<TelemetryLog>(), context.Telemetry);

Banner.Print(app.Services, context);
context.MarkStarted(grpcUri);
await app.RunAsync();

// Kestrel owns the socket's handle from here on; this object only has to outlive it.
GC.KeepAlive(grpcSocket);
GC.KeepAlive(otlpSocket);
