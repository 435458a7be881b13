using System.Reflection;
using HealthOracle.Diseases;
using HealthOracle.Functions.Predictions.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Tests.Predictions.Functions;

public sealed class PredictionFunctionNameTests
{
    /// <summary>Every HTTP function of a <c>predict/{disease}</c> route: its name and its literal route (the what-if endpoint below it is not one).</summary>
    private static readonly (string Name, string Route)[] PredictionFunctions =
    [
        .. typeof(PredictionFunctionName).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Select(method => (Function: method.GetCustomAttribute<FunctionAttribute>(), Trigger: method.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)))
            .Where(f => f.Function is not null && f.Trigger?.Route?.StartsWith("predict/", StringComparison.Ordinal) == true && f.Trigger.Route.Count(c => c == '/') == 1)
            .Select(f => (f.Function!.Name, f.Trigger!.Route!)),
    ];

    [Fact]
    public void EveryDisease_HasOneFunction_NamedByTheRuleWithItsOwnRoute()
    {
        var expected = DiseaseCatalog.Keys.Select(key => (PredictionFunctionName.For(key), "predict/" + key)).Order();

        Assert.Equal(expected, PredictionFunctions.Order());
    }

    [Theory]
    [InlineData("HeartPrediction", "heart")]
    [InlineData("KidneyPrediction", "kidney")]
    public void TryGetDisease_PredictionFunction_GivesItsDisease(string function, string disease)
    {
        var found = PredictionFunctionName.TryGetDisease(function, out var key);

        Assert.True(found);
        Assert.Equal(disease, key);
    }

    [Theory]
    [InlineData("Health")]
    [InlineData("WarmUp")]
    [InlineData("heartPrediction")]
    [InlineData("Prediction")]
    public void TryGetDisease_OtherFunction_IsNone(string function)
    {
        var found = PredictionFunctionName.TryGetDisease(function, out _);

        Assert.False(found);
    }
}
