using HealthOracle.Functions.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Keeps models current on the instances that serve predictions, which the <c>WarmUp</c> timer may never
/// reach: on Flex Consumption a timer function scales in its own instances, apart from the HTTP group.
/// After a prediction, when this instance's last refresh of that disease (or its first load, when no refresh
/// ran) is older than <see cref="WarmUpOptions.StaleAfterSeconds"/>, one background refresh starts: the
/// warm-up's ETag-conditional refresh, which usually downloads nothing. At most one runs at a time and at
/// most one starts per interval; the request never waits for it and never sees its failure.
/// </summary>
internal sealed class StaleModelCheck(
    ModelRefresher refresher,
    ModelRegistry registry,
    IOptions<WarmUpOptions> options,
    TimeProvider time,
    ILogger<StaleModelCheck> logger) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private long _lastStartedUtcTicks;

    /// <summary>Starts a background refresh if <paramref name="disease"/>'s model is stale here; answers it, or null.</summary>
    /// <remarks>Cheap and lock-free when nothing is stale; the returned task never faults.</remarks>
    public Task? RefreshIfStale(string disease)
    {
        var now = time.GetUtcNow();
        if (StaleFor(disease, now) is not { } age || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return null;
        }

        // Checked again under the flag: a refresh that just finished has made the model fresh.
        if (StaleFor(disease, now) is null)
        {
            Volatile.Write(ref _running, 0);
            return null;
        }

        Volatile.Write(ref _lastStartedUtcTicks, now.UtcTicks);
        Log.StaleRefreshStarted(logger, disease, (long)age.TotalSeconds);
        return Task.Run(RefreshAsync);
    }

    private TimeSpan? StaleFor(string disease, DateTimeOffset now)
    {
        var staleAfter = options.Value.StaleAfter;
        if (staleAfter <= TimeSpan.Zero || _stopping.IsCancellationRequested)
        {
            return null;
        }

        // A refresh that failed leaves the model's stamps old: try again after an interval, not on every request.
        if (now.UtcTicks - Volatile.Read(ref _lastStartedUtcTicks) < staleAfter.Ticks)
        {
            return null;
        }

        return registry.State(disease).FreshSinceUtc is { } since && now - since >= staleAfter ? now - since : null;
    }

    private async Task RefreshAsync()
    {
        try
        {
            await refresher.RefreshAsync(ping: false, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The instance is shutting down.
        }
        catch (Exception e)
        {
            Log.StaleRefreshFailed(logger, e.GetType().Name, e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _stopping.Cancel();
}
