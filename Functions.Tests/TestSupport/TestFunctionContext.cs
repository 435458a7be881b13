using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.TestSupport;

/// <summary>
/// A function invocation's context for middleware tests: the function's name, and for an HTTP trigger the
/// request's HttpContext where the ASP.NET Core integration puts it (read by <c>GetHttpContext()</c>).
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    public TestFunctionContext(string functionName, IServiceProvider? services = null, HttpContext? http = null, CancellationToken cancellationToken = default)
    {
        FunctionDefinition = new TestFunctionDefinition(functionName);
        InstanceServices = services ?? new ServiceCollection().BuildServiceProvider();
        CancellationToken = cancellationToken;
        if (http is not null)
        {
            Items["HttpRequestContext"] = http;
        }
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString("N");

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; }

    private sealed class TestFunctionDefinition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => string.Empty;

        public override string EntryPoint => string.Empty;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
