using System.Collections.Immutable;
using System.Text.Json;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class ExceptionHandlingMiddlewareTests
{
    private const string SecretInMessage = "glucose=148";

    private readonly FakeLogger<ExceptionHandlingMiddleware> _logger = new();

    [Fact]
    public async Task Invoke_HttpFunctionThrows_Answers500ProblemWithoutTheExceptionAndLogsIt()
    {
        var http = NewHttpContext();
        var context = new TestFunctionContext(http);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, _ => throw new InvalidOperationException(SecretInMessage));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        var body = ReadBody(http);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(SecretInMessage, body);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains(context.FunctionDefinition.Name, record.Message);
    }

    [Fact]
    public async Task Invoke_ResponseAlreadyStarted_Rethrows()
    {
        var http = NewHttpContext();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
        var context = new TestFunctionContext(http);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ExceptionHandlingMiddleware(_logger).Invoke(context, _ => throw new InvalidOperationException("late")));
    }

    [Fact]
    public async Task Invoke_TimerFunctionThrows_RethrowsForTheHostToRecord()
    {
        var context = new TestFunctionContext(http: null);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ExceptionHandlingMiddleware(_logger).Invoke(context, _ => throw new InvalidOperationException("timer")));

        Assert.Equal(LogLevel.Error, Assert.Single(_logger.Collector.GetSnapshot()).Level);
    }

    [Fact]
    public async Task Invoke_CallerWentAway_IsNotAnError()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var http = NewHttpContext();
        var context = new TestFunctionContext(http, cancelled.Token);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, c => throw new OperationCanceledException(c.CancellationToken));

        Assert.Equal(LogLevel.Information, Assert.Single(_logger.Collector.GetSnapshot()).Level);
        Assert.NotEqual(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
    }

    private static DefaultHttpContext NewHttpContext()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    private static string ReadBody(HttpContext http)
    {
        http.Response.Body.Position = 0;
        return new StreamReader(http.Response.Body).ReadToEnd();
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    /// <summary>The least a FunctionContext needs for the middleware: a name, an id, Items with the HttpContext.</summary>
    private sealed class TestFunctionContext : FunctionContext
    {
        public TestFunctionContext(HttpContext? http, CancellationToken cancellationToken = default)
        {
            CancellationToken = cancellationToken;
            if (http is not null)
            {
                // Where the ASP.NET Core integration puts the request's HttpContext (see GetHttpContext).
                Items["HttpRequestContext"] = http;
            }
        }

        public override string InvocationId { get; } = Guid.NewGuid().ToString();

        public override string FunctionId => "test-function-id";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();

        public override FunctionDefinition FunctionDefinition { get; } = new TestFunctionDefinition();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();

        public override CancellationToken CancellationToken { get; }
    }

    private sealed class TestFunctionDefinition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => "HealthOracle.Functions.dll";

        public override string EntryPoint => "HealthOracle.Functions.Test.Run";

        public override string Id => "test-function-id";

        public override string Name => "HeartPrediction";

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
