using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HealthOracle.Infra.Tests.TestSupport;

/// <summary>One request as the stand-in server received it.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>What the stand-in answers: a status, optional headers and body.</summary>
internal sealed record StandInAnswer(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A real HTTP server on a free loopback port that stands in for the deployed app and for Azure Resource
/// Manager in the hook tests: it records every request and answers through the given handler.
/// </summary>
internal sealed class StandInServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<ReceivedRequest, StandInAnswer> _handler;
    private readonly Task _loop;

    public StandInServer(Func<ReceivedRequest, StandInAnswer> handler)
    {
        _handler = handler;
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.Headers["Authorization"], await reader.ReadToEndAsync());
            Requests.Enqueue(request);
            var answer = _handler(request);
            context.Response.StatusCode = answer.Status;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var body = System.Text.Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
