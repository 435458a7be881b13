using System.Diagnostics;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Functions;

/// <summary>Invokes a non-HTTP function (a timer, or any function through the admin API) and logs the outcome.</summary>
internal sealed partial class TriggerInvoker(DevHostContext host, WorkerSupervisor supervisor, ILogger<TriggerInvoker> logger)
{
    public async Task<bool> InvokeAsync(string functionName, TypedData triggerData, string reason, CancellationToken cancellationToken)
    {
        var worker = await supervisor.WaitForWorkerAsync(cancellationToken);
        var function = worker.Find(functionName) ?? throw new InvalidOperationException($"No function named '{functionName}'.");
        var invocationId = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();
        LogExecuting(logger, function.Name, reason, invocationId);

        var outcome = "Failed";
        try
        {
            var invocation = worker.Channel.InvokeAsync(Invocations.Create(function, invocationId, triggerData));
            var timeout = host.HostJson.FunctionTimeout;
            var response = await invocation.WaitAsync(timeout, cancellationToken);
            outcome = response.Result?.Status == StatusResult.Types.Status.Success ? "Succeeded" : "Failed";
            if (outcome == "Failed")
            {
                LogFailed(logger, function.Name, invocationId, response.Result?.Exception?.Message ?? "no result");
            }

            return outcome == "Succeeded";
        }
        catch (TimeoutException)
        {
            worker.Channel.Cancel(invocationId);
            outcome = "TimedOut";
            return false;
        }
        catch (OperationCanceledException)
        {
            worker.Channel.Cancel(invocationId);
            outcome = "Cancelled";
            throw;
        }
        catch (WorkerUnavailableException)
        {
            return false;
        }
        finally
        {
            LogExecuted(logger, function.Name, outcome, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs:0.0}ms)")]
    private static partial void LogExecuted(ILogger logger, string functionName, string outcome, string invocationId, double durationMs);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Function 'Functions.{FunctionName}' failed (Id={InvocationId}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string functionName, string invocationId, string reason);
}
