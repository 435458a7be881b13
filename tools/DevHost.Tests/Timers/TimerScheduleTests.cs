using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Timers;

namespace HealthOracle.DevHost.Tests.Timers;

public sealed class TimerScheduleTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-11-27T12:05:00Z")]
    [InlineData("30 * * * * *", "2026-11-27T12:00:30Z")]
    [InlineData("*/15 * * * *", "2026-11-27T12:15:00Z")]
    [InlineData("00:00:10", "2026-11-27T12:00:10Z")]
    public void GetNext_Expression_IsTheNextOccurrenceInUtc(string expression, string expected)
    {
        var schedule = TimerSchedule.Parse(expression);

        var next = schedule.GetNext(Noon);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void Parse_Nonsense_Throws()
    {
        Assert.ThrowsAny<Exception>(() => TimerSchedule.Parse("every five minutes"));
    }

    [Fact]
    public void Resolve_PercentSetting_ReadsTheValue()
    {
        var settings = new LocalSettings { Values = new Dictionary<string, string> { ["WarmUpSchedule"] = "0 */5 * * * *" } };

        var resolved = settings.Resolve("%WarmUpSchedule%");

        Assert.Equal("0 */5 * * * *", resolved);
    }

    [Fact]
    public void Resolve_MissingSetting_Throws()
    {
        var settings = new LocalSettings();

        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%NoSuchSetting_DevHostTest%"));
    }
}
