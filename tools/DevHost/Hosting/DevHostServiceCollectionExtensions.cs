using System.Net;
using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Telemetry;
using HealthOracle.DevHost.Timers;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Hosting;

internal static class DevHostServiceCollectionExtensions
{
    public static IServiceCollection AddDevHost(this IServiceCollection services, DevHostContext context)
    {
        services.AddSingleton(context);
        services.AddSingleton(context.Settings);
        services.AddSingleton(TimeProvider.System);
        services.AddRouting();
        services.AddGrpc(grpc =>
        {
            // The host's own limits: messages of any size, as --functions-grpc-max-message-length says.
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
        });
        services.AddCors(cors => cors.AddPolicy(CorsSettings.PolicyName, policy => CorsSettings.Apply(context.Settings, policy)));

        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<WorkerLogRelay>();
        services.AddSingleton<WorkerSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerSupervisor>());
        services.AddSingleton<TriggerInvoker>();
        services.AddHostedService<TimerScheduler>();

        services.AddSingleton(sp => SessionCookie.Create(context.Settings, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RedirectPolicy>();
        services.AddSingleton<EasyAuth>();
        services.AddSingleton<AuthEndpoints>();

        services.AddSingleton(context.Telemetry);
        services.AddSingleton(sp => new TelemetryLog(sp.GetRequiredService<ILogger<TelemetryLog>>(), context.Telemetry.Summary));
        services.AddSingleton<OtlpReceiver>();
        services.AddHttpClient(OtlpReceiver.ForwardClient, client => client.Timeout = TimeSpan.FromSeconds(10));

        services.AddSingleton<KeyAuthorizer>();
        services.AddSingleton<AdminApi>();
        services.AddSingleton<HttpFunctionInvoker>();
        services.AddSingleton<FrontDoor>();
        services.AddSingleton(sp => new HttpMessageInvoker(new WorkerConnectRetryHandler(
            new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            },
            sp.GetRequiredService<ILogger<WorkerConnectRetryHandler>>())));
        return services;
    }
}
