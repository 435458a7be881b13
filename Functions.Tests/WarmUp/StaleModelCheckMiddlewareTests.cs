using HealthOracle.Functions.Health;
using HealthOracle.Functions.Tests.Models;
using HealthOracle.Functions.Tests.Predictions;
using HealthOracle.Functions.Tests.TestSupport;
using HealthOracle.Functions.WarmUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealthOracle.Functions.Tests.WarmUp;

public sealed class StaleModelCheckMiddlewareTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("HeartPrediction", true)]
    [InlineData("LungPrediction", true)]
    [InlineData("Health", false)]
    [InlineData("Warmup", false)]
    [InlineData("Chat", false)]
    public void IsPrediction_FunctionName_SelectsOnlyThePredictionFunctions(string function, bool expected)
    {
        using var host = Host(Store());

        var selected = StaleModelCheckMiddleware.IsPrediction(new TestFunctionContext(function, host.Services));

        Assert.Equal(expected, selected);
    }

    [Fact]
    public async Task Invoke_StaleModel_AnswersFirstThenRefreshesInTheBackground()
    {
        using var host = Host(Store());
        var served = await host.PostJsonAsync("heart", TestPatients.Json("heart"));
        _time.Advance(TimeSpan.FromMinutes(10));
        var refreshedWhenAnswered = true;

        await Middleware(host).Invoke(new TestFunctionContext("HeartPrediction", host.Services), _ =>
        {
            refreshedWhenAnswered = host.Registry.State("heart").LastRefreshUtc is not null;
            return Task.CompletedTask;
        });
        var refreshed = await WaitForAsync(() => host.Registry.State("heart").LastRefreshUtc is not null);

        Assert.Equal(200, served.Status);
        Assert.False(refreshedWhenAnswered);
        Assert.True(refreshed);
    }

    [Fact]
    public async Task Invoke_RefreshFails_TheInvocationIsUnaffected()
    {
        var store = Store();
        using var host = Host(store);
        await host.PostJsonAsync("liver", TestPatients.Json("liver"));
        _time.Advance(TimeSpan.FromMinutes(10));
        store.Failure = () => throw new InvalidOperationException("storage client broke");
        var answered = false;

        var invoke = Record.ExceptionAsync(() => Middleware(host).Invoke(new TestFunctionContext("LiverPrediction", host.Services), _ =>
        {
            answered = true;
            return Task.CompletedTask;
        }));
        var exception = await invoke;
        var logged = await WaitForAsync(() => host.Logs.GetSnapshot().Any(r => r.Id.Id == 3004));
        var health = host.Services.GetRequiredService<HealthReporter>().Report().Models["liver"];

        Assert.Null(exception);
        Assert.True(answered);
        Assert.True(logged);
        Assert.True(health.Loaded);
    }

    private static StaleModelCheckMiddleware Middleware(TestPredictionHost host) =>
        new(host.Services.GetRequiredService<StaleModelCheck>());

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        // A bound on waiting for background work, not a timing assertion.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        return condition();
    }

    private static TestModelStore Store()
    {
        var store = new TestModelStore();
        store.Publish(TestModels.For("heart"), TestModels.For("diabetes"), TestModels.For("liver"), TestModels.For("lung"));
        return store;
    }

    private TestPredictionHost Host(TestModelStore store) => new(store, time: _time);
}
