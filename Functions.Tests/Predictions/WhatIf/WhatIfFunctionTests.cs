using System.Reflection;
using HealthOracle.Functions.Predictions.WhatIf;
using HealthOracle.Functions.Predictions.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Tests.Predictions.WhatIf;

public sealed class WhatIfFunctionTests
{
    [Fact]
    public void Run_IsOnePostFunctionBelowEveryDiseasesRoute_AndNotAPredictionByName()
    {
        var method = typeof(WhatIfFunction).GetMethod(nameof(WhatIfFunction.Run))!;

        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(t => t is not null)!;

        Assert.Equal("WhatIf", method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal("predict/{disease:alpha}/what-if", trigger.Route);
        Assert.Equal(["post"], trigger.Methods!);
        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        // The stale-model check and other per-prediction middleware key on prediction function names only.
        Assert.False(PredictionFunctionName.TryGetDisease(WhatIfFunction.Name, out _));
    }
}
