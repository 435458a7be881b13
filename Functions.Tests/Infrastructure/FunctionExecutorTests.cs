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
    public void NoFunctionClassRunsThroughTheGeneratedExecutorsPerInvocationFallback()
    {
        var functionClasses = App.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();
        var notPublic = functionClasses.Where(type => !type.IsPublic).Select(type => type.Name).ToList();
        var generatedExecutor = App.GetTypes().Any(type => type.Name == "DirectFunctionExecutor");

        Assert.NotEmpty(functionClasses);
        Assert.False(
            generatedExecutor && notPublic.Count > 0,
            $"The generated executor would build a new DefaultFunctionExecutor on every invocation of: {string.Join(", ", notPublic)}.");
    }
}
