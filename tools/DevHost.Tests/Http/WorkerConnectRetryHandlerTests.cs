using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthOracle.DevHost.Http;
using HealthOracle.Functions.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthOracle.DevHost.Tests.Http;

/// <summary>Forwarding to a worker whose Kestrel is not listening yet, over real loopback sockets.</summary>
public sealed class WorkerConnectRetryHandlerTests
{
    [Fact]
    public async Task Send_WorkerStartsListeningLate_RetriesUntilItAnswers()
    {
        var port = FreePort.Next();
        var attempts = new CountingHandler(new SocketsHttpHandler());
        using var invoker = new HttpMessageInvoker(new WorkerConnectRetryHandler(attempts, NullLogger<WorkerConnectRetryHandler>.Instance));

        var sending = invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/health"), CancellationToken.None);
        await Task.Delay(300);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            await AnswerOnceAsync(listener, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
            using var response = await sending;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.InRange(attempts.Count, 2, WorkerConnectRetryHandler.MaxRetries + 1);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task Send_NothingEverListens_GivesUpAfterTheRetries()
    {
        var attempts = new CountingHandler(new SocketsHttpHandler());
        using var invoker = new HttpMessageInvoker(new WorkerConnectRetryHandler(attempts, NullLogger<WorkerConnectRetryHandler>.Instance));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{FreePort.Next()}/"), CancellationToken.None));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(WorkerConnectRetryHandler.MaxRetries + 1, attempts.Count);
    }

    [Fact]
    public async Task Send_WorkerDropsTheConnectionAfterTheRequest_IsNotRetried()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var attempts = new CountingHandler(new SocketsHttpHandler());
            using var invoker = new HttpMessageInvoker(new WorkerConnectRetryHandler(attempts, NullLogger<WorkerConnectRetryHandler>.Instance));
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var sending = invoker.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/predict/heart") { Content = new StringContent("{}") },
                CancellationToken.None);
            await AnswerOnceAsync(listener, response: null);

            await Assert.ThrowsAsync<HttpRequestException>(() => sending);
            Assert.Equal(1, attempts.Count);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Accepts one connection, reads the request's head, then writes <paramref name="response"/> (or nothing) and closes.</summary>
    private static async Task AnswerOnceAsync(TcpListener listener, string? response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        if (response is not null)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        }
    }

    private sealed class CountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
