using System.Globalization;

namespace HealthOracle.Functions.People.Storage;

/// <summary>
/// What one person may store and how fast (issue 24, S4): <c>History__SavesPerMinute</c> saved predictions in any
/// minute (60) and <c>History__MaxSavedPredictions</c> in the history at once (5,000). Past either, a prediction is
/// still answered but not saved, and the answer says why; nothing already saved is ever dropped to make room. Both
/// are counted in the person's own partition, so they hold across every instance of the app.
/// </summary>
internal sealed class HistoryBudgetOptions
{
    public const string Section = "History";

    public int SavesPerMinute { get; set; } = 60;

    public int MaxSavedPredictions { get; set; } = 5000;

    /// <summary>
    /// How long one <c>DELETE /api/me</c> erases before it answers 202 and leaves the rest to the next call
    /// (<c>History__EraseSecondsPerCall</c>, 20): well inside host.json's one-minute function timeout, whatever the
    /// table's speed (Table Storage deletes about 2,000 rows a second in one partition).
    /// </summary>
    public int EraseSecondsPerCall { get; set; } = 20;
}

/// <summary>A save refused by <see cref="HistoryBudgetOptions"/>; <see cref="Exception.Message"/> is what the person is told.</summary>
internal sealed class HistoryBudgetException(HistoryBudgetLimit limit, string message) : Exception(message)
{
    public HistoryBudgetLimit Limit { get; } = limit;

    public static HistoryBudgetException Full(int max) => new(HistoryBudgetLimit.HistoryFull, string.Format(CultureInfo.InvariantCulture,
        "Your history holds {0:N0} saved results, the most it keeps, so this one was not saved. Delete results you no longer need (or download your data and erase it) to save new ones. The result above is still valid.",
        max));

    public static HistoryBudgetException TooFast(int perMinute, int retryAfterSeconds) => new(HistoryBudgetLimit.SavesPerMinute, string.Format(CultureInfo.InvariantCulture,
        "You saved {0} results in the last minute, the most one person can, so this one was not saved. Saving works again in {1} seconds. The result above is still valid.",
        perMinute, retryAfterSeconds));
}

internal enum HistoryBudgetLimit
{
    /// <summary>The history holds <see cref="HistoryBudgetOptions.MaxSavedPredictions"/> predictions.</summary>
    HistoryFull,

    /// <summary><see cref="HistoryBudgetOptions.SavesPerMinute"/> saves in the last minute.</summary>
    SavesPerMinute,
}
