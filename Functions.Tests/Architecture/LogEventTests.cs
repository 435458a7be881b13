using System.Reflection;
using HealthOracle.Functions.Predictions;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Tests.Architecture;

/// <summary>Every recurring log event of the app has an EventId of its own: a dashboard or an alert that keys on one finds one event.</summary>
public sealed class LogEventTests
{
    [Fact]
    public void LoggerMessages_EveryEventId_IsUsedOnce()
    {
        var events = typeof(PredictionService).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: $"{method.DeclaringType!.FullName}.{method.Name}", Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        var reused = events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}").ToList();

        Assert.True(events.Count > 30, $"only {events.Count} log events found");
        Assert.All(events, e => Assert.True(e.Attribute!.EventId > 0, $"{e.Method} has no EventId"));
        Assert.True(reused.Count == 0, "EventIds used twice: " + string.Join("; ", reused));
    }
}
