using System.Text.Json;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class ExceptionHandlingMiddlewareTests
{
    private const string SecretInMessage = "glucose=148";
    private const string FunctionName = "HeartPrediction";

    private readonly FakeLogger<ExceptionHandlingMiddleware> _logger = new();

    [Fact]
    public async Task Invoke_HttpFunctionThrows_Answers500ProblemWithoutTheExceptionAndLogsIt()
    {
        var http = NewHttpContext();
        var context = new TestFunctionContext(FunctionName, http: http);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, _ => throw new InvalidOperationException(SecretInMessage));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        var body = ReadBody(http);
        Assert.Equal(500, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(SecretInMessage, body);
        var record = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Contains(FunctionName, record.Message);
    }

    [Fact]
    public async Task Invoke_ResponseAlreadyStarted_Rethrows()
    {
        var http = NewHttpContext();
        http.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
        var context = new TestFunctionContext(FunctionName, http: http);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ExceptionHandlingMiddleware(_logger).Invoke(context, _ => throw new InvalidOperationException("late")));
    }

    [Fact]
    public async Task Invoke_TimerFunctionThrows_RethrowsForTheHostToRecord()
    {
        var context = new TestFunctionContext(FunctionName);

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
        var context = new TestFunctionContext(FunctionName, http: http, cancellationToken: cancelled.Token);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, c => throw new OperationCanceledException(c.CancellationToken));

        Assert.Equal(LogLevel.Information, Assert.Single(_logger.Collector.GetSnapshot()).Level);
        Assert.NotEqual(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_CallerWentAwayWithAWrappedCancellation_IsNotAnError()
    {
        // Issue 18, defect 5: the storage client's retries report a cancellation as an AggregateException.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var http = NewHttpContext();
        var context = new TestFunctionContext(FunctionName, http: http, cancellationToken: cancelled.Token);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, c =>
            throw new AggregateException(new TaskCanceledException(), new AggregateException(new OperationCanceledException(c.CancellationToken))));

        Assert.Equal(LogLevel.Information, Assert.Single(_logger.Collector.GetSnapshot()).Level);
        Assert.NotEqual(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
    }

    [Fact]
    public async Task Invoke_AggregateWithARealFailure_IsStillAnError()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var http = NewHttpContext();
        var context = new TestFunctionContext(FunctionName, http: http, cancellationToken: cancelled.Token);

        await new ExceptionHandlingMiddleware(_logger).Invoke(context, _ =>
            throw new AggregateException(new TaskCanceledException(), new InvalidOperationException("broken")));

        Assert.Equal(LogLevel.Error, Assert.Single(_logger.Collector.GetSnapshot()).Level);
        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
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
}
