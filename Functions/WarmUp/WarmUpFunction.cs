using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Keeps the instance warm and its models current: on the <c>WarmUpSchedule</c> timer (a setting the host requires,
/// with no default in code: local.settings.sample.json and infra set every five minutes), or through the host's
/// admin API. The refresh logs its own summary.
/// </summary>
internal sealed class WarmUpFunction(ModelRefresher refresher)
{
    public const string Name = "WarmUp";

    [Function(Name)]
    public Task Run([TimerTrigger("%WarmUpSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        refresher.RefreshAsync(cancellationToken);
}
