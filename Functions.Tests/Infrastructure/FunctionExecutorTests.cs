using System.Reflection;
using HealthOracle.Functions.Health;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Tests.Infrastructure;

/// <summary>
/// The Worker SDK's generated executor calls a function directly only when its class is public; for any
/// other it creates a new DefaultFunctionExecutor, with an empty invoker cache, on every invocation, so
/// every request compiled and JIT-ed an expression tree (a third of the throughput, bench/devhost). The
/// app's function classes are internal, so the generator must stay off (FunctionsEnableExecutorSourceGen)
/// and the worker's one DefaultFunctionExecutor, which compiles each function's invoker once, runs them.
/// </summary>
public sealed class FunctionExecutorTests
{
    private static readonly Assembly App = typeof(HealthFunction).Assembly;

    [Fact]
    public void InternalFunctionClasses_AreNotRunThroughAGeneratedExecutor()
    {
        var functionClasses = App.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();

        Assert.NotEmpty(functionClasses);
        Assert.Contains(functionClasses, type => !type.IsPublic);
        Assert.DoesNotContain(App.GetTypes(), type => type.Name == "DirectFunctionExecutor");
    }
}
