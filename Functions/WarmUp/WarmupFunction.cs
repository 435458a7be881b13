using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.WarmUp;

internal sealed class WarmupFunction(ILogger<WarmupFunction> logger)
{
    public const string Name = "Warmup";

    [Function(Name)]
    public Task Run([TimerTrigger("%WarmupSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        logger.LogInformation("Warm-up fired; past due: {IsPastDue}", timer.IsPastDue);
        return Task.CompletedTask;
    }
}
