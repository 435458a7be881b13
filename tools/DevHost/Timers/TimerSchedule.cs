using System.Globalization;
using NCrontab;

namespace HealthOracle.DevHost.Timers;

/// <summary>
/// A timer trigger's schedule as the host reads it: NCRONTAB with seconds (6 fields), classic cron
/// (5 fields), or a constant interval (<c>hh:mm:ss</c>). Times are UTC, as on Azure without WEBSITE_TIME_ZONE.
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan interval, string expression)
    {
        _cron = cron;
        _interval = interval;
        Expression = expression;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string expression)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 5 or 6)
        {
            var cron = CrontabSchedule.Parse(string.Join(' ', fields), new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 });
            return new TimerSchedule(cron, TimeSpan.Zero, expression);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(null, interval, expression);
        }

        throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a TimeSpan.");
    }

    public DateTimeOffset GetNext(DateTimeOffset after) =>
        _cron is null
            ? after + _interval
            : new DateTimeOffset(_cron.GetNextOccurrence(after.UtcDateTime), TimeSpan.Zero);
}
