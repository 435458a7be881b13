using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Rpc;

namespace HealthOracle.DevHost.Tests.Functions;

public sealed class FunctionIndexTests
{
    [Fact]
    public void Describe_TimerWithRunOnStartup_ReadsScheduleAndFlag()
    {
        var metadata = Metadata("Warmup", """{ "name": "timer", "direction": "In", "type": "timerTrigger", "schedule": "%WarmUpSchedule%", "runOnStartup": true }""");

        var function = FunctionIndex.Describe(metadata);

        Assert.True(function.IsTimer);
        Assert.Equal("%WarmUpSchedule%", function.Trigger.Schedule);
        Assert.True(function.Trigger.RunOnStartup);
    }

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("Function")]
    [InlineData("Admin")]
    public void Describe_HttpTrigger_ReadsAuthLevel(string authLevel)
    {
        var metadata = Metadata("F", $$"""{ "name": "req", "direction": "In", "type": "httpTrigger", "authLevel": "{{authLevel}}", "methods": ["post"] }""");

        var function = FunctionIndex.Describe(metadata);

        Assert.Equal(Enum.Parse<AuthorizationLevel>(authLevel), function.Trigger.AuthLevel);
    }

    [Fact]
    public void CreateLoadRequest_RawBindings_BecomeTypedBindingInfos()
    {
        var function = FunctionIndex.Describe(Metadata("Health",
            """{ "name": "request", "direction": "In", "type": "httpTrigger", "authLevel": "Anonymous", "methods": ["get"], "route": "health" }""",
            """{ "name": "$return", "type": "http", "direction": "Out" }"""));

        var load = FunctionIndex.CreateLoadRequest(function);

        Assert.Equal("Health-id", load.FunctionId);
        Assert.Equal(BindingInfo.Types.Direction.In, load.Metadata.Bindings["request"].Direction);
        Assert.Equal("httpTrigger", load.Metadata.Bindings["request"].Type);
        Assert.Equal(BindingInfo.Types.Direction.Out, load.Metadata.Bindings["$return"].Direction);
    }

    private static RpcFunctionMetadata Metadata(string name, params string[] bindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = $"{name}-id", ScriptFile = "App.dll", EntryPoint = "App.F.Run" };
        metadata.RawBindings.AddRange(bindings);
        return metadata;
    }
}
