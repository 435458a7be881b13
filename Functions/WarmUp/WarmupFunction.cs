using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Keeps the instance warm and its models current: on the <c>WarmupSchedule</c> timer (default every five
/// minutes), or through the host's admin API. The refresh logs its own summary.
/// </summary>
internal sealed class WarmupFunction(ModelRefresher refresher)
{
    public const string Name = "Warmup";

    [Function(Name)]
    public Task Run([TimerTrigger("%WarmupSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        refresher.RefreshAsync(cancellationToken);
}
