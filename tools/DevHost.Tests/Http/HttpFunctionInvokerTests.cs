using System.Net;
using System.Text;
using System.Text.Json;
using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Http;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

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
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal(500, JsonDocument.Parse(Body(context)).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_HeaderValueNotAscii_Answers400NamingItAndStartsNoInvocation()
    {
        var handler = new TestWorkerHttp((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1));
        var context = NewContext();
        context.Request.Headers["X-Probe"] = "caf\u00e9";

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.True(JsonDocument.Parse(Body(context)).RootElement.GetProperty("errors").TryGetProperty("X-Probe", out _));
        Assert.DoesNotContain(Drain(worker.Channel), m => m.ContentCase == StreamingMessage.ContentOneofCase.InvocationRequest);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout)]
    [InlineData(StatusCodes.Status400BadRequest)]
    public async Task InvokeAsync_RequestBodyFailsWhileForwarded_AnswersKestrelsStatusAndCancelsTheInvocation(int kestrelStatus)
    {
        // The worker reads the forwarded body; the caller's body fails as Kestrel fails it (stalled: 408, cut short: 400).
        var handler = new TestWorkerHttp(async (request, cancellationToken) =>
        {
            await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1));
        var context = NewContext();
        context.Request.ContentLength = 100;
        context.Request.Body = new FailingBody(new BadHttpRequestException("Kestrel's verdict", kestrelStatus));

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        Assert.Equal(kestrelStatus, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Contains(Drain(worker.Channel), m => m.ContentCase == StreamingMessage.ContentOneofCase.InvocationCancel);
    }

    [Fact]
    public async Task InvokeAsync_WorkerExitsBeforeAnswering_Answers502Problem()
    {
        var handler = new TestWorkerHttp(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1));
        var context = NewContext();
        var exiting = ExitWhenInvokedAsync(worker.Channel);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        await exiting;
        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal(502, JsonDocument.Parse(Body(context)).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task InvokeAsync_AnonymousCallerForgesPlatformHeaders_NoneReachTheWorker()
    {
        var handler = new TestWorkerHttp((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var (invoker, worker, route, _) = CreateWithAuth(handler, authEmulation: true);
        var context = NewContext();
        Forge(context.Request.Headers);
        var answering = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Success);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        await answering;
        var forwarded = handler.Requests.Single().Headers.Select(h => h.Key).ToList();
        Assert.DoesNotContain(forwarded, name => name.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(forwarded, name => name.StartsWith("X-MS-TOKEN-", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("X-Other", forwarded);
    }

    [Fact]
    public async Task InvokeAsync_SignedInCallerForgesPlatformHeaders_WorkerGetsOnlyThePlatformsOwn()
    {
        var handler = new TestWorkerHttp((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var (invoker, worker, route, sessions) = CreateWithAuth(handler, authEmulation: true);
        var context = NewContext();
        Forge(context.Request.Headers);
        context.Request.Headers.Cookie = $"{SessionCookie.Name}={sessions.Issue(new ClientPrincipal("ada-oid", "ada@example.com"), out _)}";
        var answering = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Success);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        await answering;
        var forwarded = handler.Requests.Single().Headers;
        var platform = forwarded.Where(h => h.Key.StartsWith("X-MS-CLIENT-", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("X-MS-TOKEN-", StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key.ToUpperInvariant(), h => h.Value.Single());
        Assert.Equal(["X-MS-CLIENT-PRINCIPAL", "X-MS-CLIENT-PRINCIPAL-ID", "X-MS-CLIENT-PRINCIPAL-IDP", "X-MS-CLIENT-PRINCIPAL-NAME"], platform.Keys.Order());
        Assert.Equal("ada-oid", platform["X-MS-CLIENT-PRINCIPAL-ID"]);
        Assert.Equal("ada@example.com", platform["X-MS-CLIENT-PRINCIPAL-NAME"]);
        Assert.Equal("aad", platform["X-MS-CLIENT-PRINCIPAL-IDP"]);
        using var principal = JsonDocument.Parse(Convert.FromBase64String(platform["X-MS-CLIENT-PRINCIPAL"]));
        Assert.Equal("aad", principal.RootElement.GetProperty("auth_typ").GetString());
        Assert.Contains(principal.RootElement.GetProperty("claims").EnumerateArray(),
            c => c.GetProperty("typ").GetString() == ClientPrincipal.ObjectIdClaim && c.GetProperty("val").GetString() == "ada-oid");
    }

    [Fact]
    public async Task InvokeAsync_TamperedSessionCookie_IsAnonymous()
    {
        var handler = new TestWorkerHttp((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var (invoker, worker, route, sessions) = CreateWithAuth(handler, authEmulation: true);
        var context = NewContext();
        var cookie = sessions.Issue(new ClientPrincipal("ada-oid", "ada@example.com"), out _);
        var forged = new ClientPrincipal("eve-oid", "eve@example.com");
        var forgedPayload = sessions.Issue(forged, out _).Split('.')[0];
        context.Request.Headers.Cookie = $"{SessionCookie.Name}={forgedPayload}.{cookie.Split('.')[1]}";
        var answering = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Success);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        await answering;
        Assert.DoesNotContain(handler.Requests.Single().Headers, h => h.Key.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task InvokeAsync_AuthEmulationOff_ClientHeadersPassAndNoPrincipalIsAdded()
    {
        // As App Service with authentication off: nothing is stripped (the app must not trust these: WEBSITE_AUTH_ENABLED is unset).
        var handler = new TestWorkerHttp((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var (invoker, worker, route, sessions) = CreateWithAuth(handler, authEmulation: false);
        var context = NewContext();
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-ID"] = "forged-id";
        context.Request.Headers.Cookie = $"{SessionCookie.Name}={sessions.Issue(new ClientPrincipal("ada-oid", "ada@example.com"), out _)}";
        var answering = AnswerInvocationsAsync(worker.Channel, StatusResult.Types.Status.Success);

        await invoker.InvokeAsync(context, worker, route, new RouteValueDictionary());

        await answering;
        var forwarded = handler.Requests.Single().Headers.Where(h => h.Key.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal("forged-id", Assert.Single(forwarded).Value.Single());
    }

    private static void Forge(IHeaderDictionary headers)
    {
        headers["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"mallory"}]}"""));
        headers["X-MS-CLIENT-PRINCIPAL-ID"] = "mallory";
        headers["x-ms-client-principal-name"] = "mallory@example.com";
        headers["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad";
        headers["X-MS-CLIENT-PRINCIPAL-ROLES"] = "admin";
        headers["X-MS-TOKEN-AAD-ID-TOKEN"] = "forged.token.value";
        headers["x-ms-token-aad-access-token"] = "forged";
        headers["X-Other"] = "kept";
    }

    private static (HttpFunctionInvoker, WorkerHandle, HttpRoute, SessionCookie) CreateWithAuth(TestWorkerHttp handler, bool authEmulation)
    {
        var sessions = new SessionCookie(new byte[32], new FakeTimeProvider(DateTimeOffset.UtcNow));
        var (invoker, worker, route) = Create(handler, TimeSpan.FromMinutes(1), authEmulation, sessions);
        return (invoker, worker, route, sessions);
    }

    private static (HttpFunctionInvoker, WorkerHandle, HttpRoute) Create(TestWorkerHttp handler, TimeSpan timeout, bool authEmulation = true, SessionCookie? sessions = null)
    {
        var metadata = new RpcFunctionMetadata { Name = "Probe", FunctionId = "probe-id" };
        metadata.RawBindings.Add("""{ "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Anonymous", "methods": ["post"], "route": "probe" }""");
        var function = FunctionIndex.Describe(metadata);
        var routes = new HttpRouteTable([function], "api", Resolver);
        var channel = new WorkerChannel("worker-1", new WorkerLogRelay(NullLoggerFactory.Instance));
        var handle = new WorkerHandle(channel, 1, new Uri("http://127.0.0.1:5555/"), [function], routes);
        var host = new DevHostContext(new DevHostOptions("/app", 7071, null, null, 5173, authEmulation), new LocalSettings(), new HostJson("api", timeout));
        var auth = new EasyAuth(host, sessions ?? new SessionCookie(new byte[32], TimeProvider.System));
        var invoker = new HttpFunctionInvoker(host, new HttpMessageInvoker(handler), auth, NullLogger<HttpFunctionInvoker>.Instance);
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

    /// <summary>Plays a worker that exits once it has been sent an invocation: the channel fails as on a lost stream.</summary>
    private static async Task ExitWhenInvokedAsync(WorkerChannel channel)
    {
        await foreach (var message in channel.Outbound.ReadAllAsync())
        {
            if (message.ContentCase == StreamingMessage.ContentOneofCase.InvocationRequest)
            {
                channel.Fail(new WorkerUnavailableException("Worker worker-1 disconnected."));
                return;
            }
        }
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

    /// <summary>A request body that fails as Kestrel fails one that stalls or breaks off.</summary>
    private sealed class FailingBody(Exception failure) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw failure;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromException<int>(failure);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromException<int>(failure);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

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
