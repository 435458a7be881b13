using System.Text.Json;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;
using NCrontab;

namespace HealthOracle.DevHost.Timers;

/// <summary>
/// Fires timer triggers on their schedule (<c>%Setting%</c> resolved from the settings), one invocation
/// at a time per timer as the host does, and once more each time a worker starts when
/// <c>runOnStartup</c> is set.
/// </summary>
internal sealed partial class TimerScheduler(
    DevHostContext host,
    WorkerSupervisor supervisor,
    TriggerInvoker invoker,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    private readonly Dictionary<string, TimerSchedule> _schedules = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        supervisor.WorkerReady += worker => RunOnStartup(worker, stoppingToken);
        var worker = await supervisor.WaitForWorkerAsync(stoppingToken);
        var loops = new List<Task>();
        foreach (var function in worker.Functions.Where(f => f.IsTimer))
        {
            if (TryGetSchedule(function) is { } schedule)
            {
                loops.Add(RunScheduleAsync(function.Name, schedule, stoppingToken));
            }
        }

        await Task.WhenAll(loops);
    }

    /// <summary>The TimerInfo the worker deserializes for a timer trigger.</summary>
    internal static TypedData CreateTimerInfo(DateTimeOffset last, DateTimeOffset next, bool isPastDue) => new()
    {
        Json = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = last, Next = next, LastUpdated = last },
            IsPastDue = isPastDue,
        }),
    };

    private TimerSchedule? TryGetSchedule(FunctionDescriptor function)
    {
        lock (_schedules)
        {
            if (_schedules.TryGetValue(function.Name, out var known))
            {
                return known;
            }

            try
            {
                var schedule = TimerSchedule.Parse(host.Settings.Resolve(function.Trigger.Schedule ?? ""));
                _schedules[function.Name] = schedule;
                LogScheduled(logger, function.Name, schedule.Expression);
                return schedule;
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or CrontabException)
            {
                LogBadSchedule(logger, function.Name, ex.Message);
                return null;
            }
        }
    }

    private void RunOnStartup(WorkerHandle worker, CancellationToken stoppingToken)
    {
        foreach (var function in worker.Functions.Where(f => f.IsTimer && f.Trigger.RunOnStartup))
        {
            if (TryGetSchedule(function) is { } schedule)
            {
                var now = time.GetUtcNow();
                _ = InvokeQuietlyAsync(function.Name, CreateTimerInfo(now, schedule.GetNext(now), isPastDue: false), "Timer fired at startup (runOnStartup)", stoppingToken);
            }
        }
    }

    private async Task RunScheduleAsync(string functionName, TimerSchedule schedule, CancellationToken stoppingToken)
    {
        var last = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNext(time.GetUtcNow());
            try
            {
                await Task.Delay(next - time.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await InvokeQuietlyAsync(functionName, CreateTimerInfo(last, schedule.GetNext(next), isPastDue: false), $"Timer fired at {next:O}", stoppingToken);
            last = next;
        }
    }

    private async Task InvokeQuietlyAsync(string functionName, TypedData timerInfo, string reason, CancellationToken stoppingToken)
    {
        try
        {
            await invoker.InvokeAsync(functionName, timerInfo, reason, stoppingToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Shutting down, or the function is gone from a restarted worker: nothing to do.
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Timer {FunctionName} scheduled: {Schedule} (UTC)")]
    private static partial void LogScheduled(ILogger logger, string functionName, string schedule);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "Timer {FunctionName} has no usable schedule: {Reason}")]
    private static partial void LogBadSchedule(ILogger logger, string functionName, string reason);
}
