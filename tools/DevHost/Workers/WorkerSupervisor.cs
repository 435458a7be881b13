using System.Diagnostics;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Rpc;
using Microsoft.AspNetCore.Routing;

namespace HealthOracle.DevHost.Workers;

/// <summary>
/// Starts the worker as the Functions host does, runs the handshake (StartStream → WorkerInitRequest →
/// FunctionsMetadataRequest → FunctionLoadRequest per function), publishes the ready worker, and
/// restarts it when it exits unexpectedly. On shutdown it sends WorkerTerminate and kills what is left.
/// </summary>
internal sealed partial class WorkerSupervisor(
    DevHostContext host,
    WorkerRegistry registry,
    WorkerLogRelay logRelay,
    IInlineConstraintResolver constraintResolver,
    IHostApplicationLifetime lifetime,
    ILogger<WorkerSupervisor> logger) : BackgroundService
{
    public const string HostVersion = "4.1044.0.0-devhost";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private TaskCompletionSource<WorkerHandle> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised each time a worker (re)starts and is ready: the host "starts" (runOnStartup timers).</summary>
    public event Action<WorkerHandle>? WorkerReady;

    public WorkerHandle? Current { get; private set; }

    public int Restarts { get; private set; }

    public Task<WorkerHandle> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _ready.Task.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Stop the worker as soon as shutdown begins, before the server closes its stream under it.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        await host.Started.WaitAsync(stoppingToken);
        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = Stopwatch.GetTimestamp();
            var (processId, exitCode) = await RunWorkerOnceAsync(stoppingToken);
            if (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            // A worker that ran for a while gets restarted at once; one that keeps failing, with back-off.
            consecutiveFailures = Stopwatch.GetElapsedTime(startedAt) > TimeSpan.FromMinutes(1) ? 1 : consecutiveFailures + 1;
            var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, consecutiveFailures - 1)));
            LogWorkerExited(logger, processId, exitCode, delay.TotalSeconds);
            Restarts++;
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<(int ProcessId, int? ExitCode)> RunWorkerOnceAsync(CancellationToken stoppingToken)
    {
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, logRelay);
        registry.Add(channel);
        using var process = WorkerProcess.Start(host, workerId, logger);
        var processId = process.Id;
        var exited = process.WaitForExitAsync(CancellationToken.None);
        LogWorkerStarting(logger, processId, host.Options.AppDirectory);
        try
        {
            using var startup = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            startup.CancelAfter(StartupTimeout);
            var initializing = InitializeAsync(channel, processId, startup.Token);
            if (await Task.WhenAny(initializing, exited) == exited)
            {
                LogWorkerExitedDuringStartup(logger, processId, process.ExitCode);
                return (processId, process.ExitCode);
            }

            var handle = await initializing;
            Publish(handle);
            await Task.WhenAny(exited, channel.Disconnected, Task.Delay(Timeout.Infinite, stoppingToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WorkerUnavailableException or InvalidOperationException)
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                LogWorkerStartupFailed(logger, ex, processId);
            }
        }
        finally
        {
            Unpublish();
            registry.Remove(workerId);
            await StopAsync(process, channel, graceful: stoppingToken.IsCancellationRequested);
        }

        return (processId, process.HasExited ? process.ExitCode : null);
    }

    private async Task<WorkerHandle> InitializeAsync(WorkerChannel channel, int processId, CancellationToken cancellationToken)
    {
        await channel.Connected.WaitAsync(cancellationToken);

        var init = new WorkerInitRequest
        {
            HostVersion = HostVersion,
            FunctionAppDirectory = host.Options.AppDirectory,
            WorkerDirectory = host.Options.AppDirectory,
        };
        var initResponse = (await channel.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, cancellationToken)).WorkerInitResponse;
        EnsureSuccess(initResponse?.Result, "WorkerInitRequest");
        if (!initResponse!.Capabilities.TryGetValue("HttpUri", out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out var workerHttpUri))
        {
            throw new InvalidOperationException(
                "The worker did not report the HttpUri capability: DevHost runs apps that use the ASP.NET Core integration (ConfigureFunctionsWebApplication).");
        }

        var metadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = host.Options.AppDirectory };
        var metadataResponse = (await channel.RequestAsync(new StreamingMessage { FunctionsMetadataRequest = metadataRequest }, cancellationToken)).FunctionMetadataResponse;
        EnsureSuccess(metadataResponse?.Result, "FunctionsMetadataRequest");
        var metadata = metadataResponse!.UseDefaultMetadataIndexing
            ? FunctionIndex.ReadMetadataFile(host.Options.AppDirectory)
            : metadataResponse.FunctionMetadataResults;

        var functions = metadata.Select(FunctionIndex.Describe).ToArray();
        var loads = functions.Select(async function =>
        {
            var load = FunctionIndex.CreateLoadRequest(function);
            var response = (await channel.RequestAsync(new StreamingMessage { FunctionLoadRequest = load }, cancellationToken)).FunctionLoadResponse;
            if (response?.Result?.Status != StatusResult.Types.Status.Success)
            {
                LogFunctionLoadFailed(logger, function.Name, response?.Result?.Exception?.Message ?? "no result");
                return null;
            }

            return function;
        });
        var loaded = (await Task.WhenAll(loads)).OfType<FunctionDescriptor>().ToArray();

        // The worker's Kestrel listens on localhost; connect to the IPv4 loopback without a name lookup.
        var direct = new UriBuilder(workerHttpUri) { Host = "127.0.0.1" }.Uri;
        var routes = new HttpRouteTable(loaded, host.HostJson.RoutePrefix, constraintResolver);
        return new WorkerHandle(channel, processId, direct, loaded, routes);
    }

    private void Publish(WorkerHandle handle)
    {
        lock (_gate)
        {
            Current = handle;
            _ready.TrySetResult(handle);
        }

        LogWorkerReady(logger, handle.ProcessId, handle.Functions.Count);
        WorkerReady?.Invoke(handle);
    }

    private void Unpublish()
    {
        lock (_gate)
        {
            Current = null;
            if (_ready.Task.IsCompleted)
            {
                _ready = new TaskCompletionSource<WorkerHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task StopAsync(Process process, WorkerChannel channel, bool graceful)
    {
        if (graceful && !process.HasExited)
        {
            try
            {
                channel.Send(new StreamingMessage
                {
                    WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TerminateGrace) },
                });
                await process.WaitForExitAsync().WaitAsync(TerminateGrace);
            }
            catch (Exception ex) when (ex is TimeoutException or WorkerUnavailableException)
            {
                // Not answered in time: killed below.
            }
        }

        channel.Fail(new WorkerUnavailableException($"Worker {channel.WorkerId} stopped."));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static void EnsureSuccess(StatusResult? result, string step)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{step} failed: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Starting worker process {ProcessId} for {AppDirectory}")]
    private static partial void LogWorkerStarting(ILogger logger, int processId, string appDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Worker process {ProcessId} ready with {FunctionCount} functions")]
    private static partial void LogWorkerReady(ILogger logger, int processId, int functionCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Worker process {ProcessId} exited unexpectedly (exit code {ExitCode}); restarting in {DelaySeconds} s")]
    private static partial void LogWorkerExited(ILogger logger, int processId, int? exitCode, double delaySeconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Worker process {ProcessId} exited during start-up with exit code {ExitCode}")]
    private static partial void LogWorkerExitedDuringStartup(ILogger logger, int processId, int exitCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Worker process {ProcessId} failed to start")]
    private static partial void LogWorkerStartupFailed(ILogger logger, Exception exception, int processId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Function {FunctionName} failed to load: {Reason}")]
    private static partial void LogFunctionLoadFailed(ILogger logger, string functionName, string reason);
}
