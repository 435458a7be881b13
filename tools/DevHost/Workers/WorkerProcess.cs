using System.Diagnostics;
using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Workers;

/// <summary>Starts the .NET isolated worker with the arguments and environment the Functions host gives it.</summary>
internal static partial class WorkerProcess
{
    /// <summary>The host's own default for <c>--functions-grpc-max-message-length</c>.</summary>
    private const int GrpcMaxMessageLength = int.MaxValue;

    /// <summary>App Service sets it in the app's environment when its authentication is on; DevHost owns it the same way.</summary>
    public const string AuthEnabledVariable = "WEBSITE_AUTH_ENABLED";

    public static Process Start(DevHostContext host, string workerId, ILogger logger)
    {
        if (host.Settings.Values.ContainsKey(AuthEnabledVariable))
        {
            LogPlatformVariableIgnored(logger, AuthEnabledVariable, host.Options.AuthEmulation ? "on" : "off");
        }

        var process = Process.Start(CreateStartInfo(host, workerId)) ?? throw new InvalidOperationException("The worker process did not start.");
        var output = logger;
        process.OutputDataReceived += (_, e) => Relay(output, e.Data, LogLevel.Information);
        process.ErrorDataReceived += (_, e) => Relay(output, e.Data, LogLevel.Warning);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The worker's command line and environment, as the host builds them.</summary>
    public static ProcessStartInfo CreateStartInfo(DevHostContext host, string workerId)
    {
        var app = host.Options.AppDirectory;
        var start = new ProcessStartInfo(WorkerCommand.DotnetHost(), [
            Path.Combine(app, WorkerCommand.WorkerAssembly(app)),
            "--functions-uri", host.GrpcUri.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", GrpcMaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ])
        {
            WorkingDirectory = app,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The host's own listening settings must not leak into the worker's Kestrel.
        foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in host.Settings.Values)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in host.Telemetry.WorkerEnvironment(host.Settings.Values))
        {
            start.Environment[name] = value;
        }

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app;
        start.Environment["AzureWebJobsScriptRoot"] = app;
        if (host.Options.AuthEmulation)
        {
            start.Environment[AuthEnabledVariable] = "True";
        }
        else
        {
            start.Environment.Remove(AuthEnabledVariable);
        }

        return start;
    }

    private static void Relay(ILogger logger, string? line, LogLevel level)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.Log(level, "worker: {Line}", line);
        }
    }

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "local.settings.json sets {Variable}, which the platform owns: DevHost sets it from --auth (now {AuthEmulation}) instead")]
    private static partial void LogPlatformVariableIgnored(ILogger logger, string variable, string authEmulation);
}
