using System.Net;
using System.Text;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthOracle.DevHost.Tests.Http;

/// <summary>One HTTP invocation against a test worker: the HTTP side is a handler, the gRPC side the channel's queue.</summary>
public sealed class HttpFunctionInvokerTests
{
    private static readonly IInlineConstraintResolver Resolver =
        new ServiceCollection().AddRouting().BuildServiceProvider().GetRequiredService<IInlineConstraintResolver>();

    [Fact]
    public async Task InvokeAsync_WorkerAnswers_StreamsItsResponseWithTheInvocationId()
    {
        var handler = new TestWorkerHttp(async (request, _) =>
        {
            await Task.Yield();
            return new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent("{\"ok\":true}", Encoding.UTF8, "application/json") };
        });
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1));
        var context = NewContext();
        var answering = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Success);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        var sent = await answering;
        Assert.Equal(StatusCodes.Status201Created, context.Response.StatusCode);
        Assert.Equal("{\"ok\":true}", Body(context));
        Assert.Equal(sent.InvocationId, handler.Requests.Single().Headers.GetValues(HttpFunctionInvoker.InvocationIdHeader).Single());
        Assert.Equal("probe-id", sent.FunctionId);
    }

    [Fact]
    public async Task InvokeAsync_FunctionExceedsTimeout_Answers504AndCancelsTheInvocation()
    {
        var handler = new TestWorkerHttp(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMilliseconds(200));
        var context = NewContext();

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        Assert.Equal(StatusCodes.Status504GatewayTimeout, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Contains(Drain(worker.Channel), m => m.ContentCase == StreamingMessage.ContentOneofCase.InvocationCancel);
    }

    [Fact]
    public async Task InvokeAsync_FunctionFailsBeforeAnswering_Answers500()
    {
        var handler = new TestWorkerHttp(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1));
        var context = NewContext();
        _ = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Failure);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
    }

    private static (HttpFunctionInvoker, WorkerHandle, HttpRoute) Create(TestWorkerHttp handler, TimeSpan timeout)
    {
        var metadata = new RpcFunctionMetadata { Name = "Probe", FunctionId = "probe-id" };
        metadata.RawBindings.Add("""{ "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Anonymous", "methods": ["post"], "route": "probe" }""");
        var function = FunctionIndex.Describe(metadata);
        var routes = new HttpRouteTable([function], "api", Resolver);
        var channel = new WorkerChannel("worker-1", new WorkerLogRelay(NullLoggerFactory.Instance));
        var handle = new WorkerHandle(channel, 1, new Uri("http://127.0.0.1:5555/"), [function], routes);
        var host = new DevHostContext(new DevHostOptions("/app", 7071, null, null, 5173), new LocalSettings(), new HostJson("api", timeout));
        var invoker = new HttpFunctionInvoker(host, new HttpMessageInvoker(handler), NullLogger<HttpFunctionInvoker>.Instance);
        return (invoker, handle, routes.Routes.Single());
    }

    /// <summary>Plays the worker's gRPC side: answers the first InvocationRequest with <paramref name="status"/>.</summary>
    private static async Task<InvocationRequest> AnswerInvocationsAsync(WorkerChannel channel, StatusResult.Types.Status status)
    {
        await foreach (var message in channel.Outbound.ReadAllAsync())
        {
            if (message.ContentCase == StreamingMessage.ContentOneofCase.InvocationRequest)
            {
                channel.Receive(new StreamingMessage
                {
                    InvocationResponse = new InvocationResponse { InvocationId = message.InvocationRequest.InvocationId, Result = new StatusResult { Status = status } },
                });
                return message.InvocationRequest;
            }
        }

        throw new InvalidOperationException("No InvocationRequest was sent.");
    }

    private static List<StreamingMessage> Drain(WorkerChannel channel)
    {
        var messages = new List<StreamingMessage>();
        while (channel.Outbound.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/api/probe";
        context.Request.Host = new HostString("127.0.0.1:7071");
        context.Response.Body = new MemoryStream();
        context.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    private sealed class TestWorkerHttp(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return respond(request, cancellationToken);
        }
    }
}
