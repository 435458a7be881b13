using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using HostingModels.ColdHost;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// One cold start of one worker, as the Functions host (and tools/DevHost) runs it:
//   spawn → StartStream → WorkerInitRequest/Response → FunctionsMetadataRequest/Response → FunctionLoadRequest(s)/
//   Response(s) → the first invocation of one HTTP function, answered.
// --mode builtin: the request travels in the InvocationRequest (RpcHttp), the answer is the InvocationResponse's
//                 return value (the built-in HTTP model).
// --mode proxy:   the worker's HttpUri capability; an InvocationRequest with an empty RpcHttp and the HTTP request to
//                 the worker's Kestrel with x-ms-invocation-id (the ASP.NET Core integration, as DevHost does it).
// Prints one CSV line (--header prints the names): milliseconds from the spawn, and the worker's CPU time, RSS,
// mapped assemblies and threads read from /proc at the first answer.
var options = Options.Parse(args);
if (options.Header)
{
    Console.WriteLine(Result.Header);
    return 0;
}

var session = new Session();
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddGrpc(grpc =>
{
    grpc.EnableDetailedErrors = true;
    grpc.MaxReceiveMessageSize = null;
});
builder.Services.AddSingleton(session);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2); // the gRPC stream
    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1); // this host's own warm-up
});
var app = builder.Build();
app.MapGrpcService<RpcService>();
app.MapGet("/warmup", () => "ok");
await app.StartAsync();
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToArray();
var grpcUri = addresses[0];

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
{
    Timeout = TimeSpan.FromSeconds(30),
};

if (options.WarmUp)
{
    // The Functions host is long-running and warm when a worker starts: take this host's own first-use costs (JIT of
    // the gRPC server path, protobuf, HttpClient) before the spawn, so that they do not land on the worker's figures.
    await WarmUp.RunAsync(grpcUri, new Uri(addresses[1], "/warmup"), http);
}

using var worker = HostingModels.ColdHost.WorkerProcess.Start(options, grpcUri, session.WorkerId, out var spawnedAt);
var hostCpuAtSpawn = Process.GetCurrentProcess().TotalProcessorTime;
var result = new Result();
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
var exited = worker.WaitForExitAsync(CancellationToken.None);
try
{
    var protocol = new Protocol(session, timeout.Token);
    var started = await Task.WhenAny(session.StartStream.Task, exited);
    if (started == exited)
    {
        throw new InvalidOperationException($"the worker exited ({worker.ExitCode}) before StartStream");
    }

    result.StartStream = Ms(spawnedAt, await session.StartStream.Task);

    var initResponse = (await protocol.RequestAsync(new StreamingMessage
    {
        WorkerInitRequest = new WorkerInitRequest
        {
            HostVersion = "4.1044.0.0-coldhost",
            FunctionAppDirectory = options.App,
            WorkerDirectory = options.App,
        },
    }, StreamingMessage.ContentOneofCase.WorkerInitResponse)).WorkerInitResponse;
    result.Init = Ms(spawnedAt);
    Protocol.EnsureSuccess(initResponse.Result, "WorkerInitRequest");
    initResponse.Capabilities.TryGetValue("HttpUri", out var httpUri);
    if (options.Proxy && string.IsNullOrEmpty(httpUri))
    {
        throw new InvalidOperationException("--mode proxy, but the worker reported no HttpUri capability");
    }

    if (!options.Proxy && !string.IsNullOrEmpty(httpUri))
    {
        throw new InvalidOperationException($"--mode builtin, but the worker reported HttpUri {httpUri} (the ASP.NET Core integration)");
    }

    var metadataResponse = (await protocol.RequestAsync(new StreamingMessage
    {
        FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = options.App },
    }, StreamingMessage.ContentOneofCase.FunctionMetadataResponse)).FunctionMetadataResponse;
    result.Metadata = Ms(spawnedAt);
    Protocol.EnsureSuccess(metadataResponse.Result, "FunctionsMetadataRequest");
    // DevHost's own indexing (tools/DevHost/Functions/FunctionIndex.cs, compiled in): the load requests as it sends them.
    var functions = (metadataResponse.UseDefaultMetadataIndexing ? FunctionIndex.ReadMetadataFile(options.App) : metadataResponse.FunctionMetadataResults)
        .Select(FunctionIndex.Describe).ToArray();

    // As the host does: one load request per function, all sent before any answer is awaited.
    var loads = functions.Select(f => protocol.RequestAsync(new StreamingMessage { FunctionLoadRequest = FunctionIndex.CreateLoadRequest(f) }, StreamingMessage.ContentOneofCase.FunctionLoadResponse)).ToArray();
    foreach (var load in await Task.WhenAll(loads))
    {
        Protocol.EnsureSuccess(load.FunctionLoadResponse.Result, $"FunctionLoadRequest {load.FunctionLoadResponse.FunctionId}");
    }

    result.Load = Ms(spawnedAt);
    result.Functions = functions.Length;

    var function = functions.FirstOrDefault(f => f.Name.Equals(options.Function, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"no function {options.Function} among {string.Join(", ", functions.Select(f => f.Name))}");
    var trigger = function.Trigger.Name;
    var invocationId = Guid.NewGuid().ToString();
    var request = new InvocationRequest
    {
        InvocationId = invocationId,
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01" },
    };

    var headers = new Dictionary<string, string>
    {
        ["Host"] = "127.0.0.1:7071",
        ["User-Agent"] = "coldhost",
        ["Accept"] = "application/json",
    };
    string status, body;
    if (options.Proxy)
    {
        request.InputData.Add(new ParameterBinding { Name = trigger, Data = new TypedData { Http = new RpcHttp() } });
        var invoked = protocol.InvokeAsync(request);
        var forwarded = Forward.GetAsync(http, new UriBuilder(httpUri!) { Host = "127.0.0.1", Path = options.Path }.Uri, invocationId, headers, options.RetryMs, timeout.Token);
        await Task.WhenAll(invoked, forwarded);

        // The caller has its answer when the forwarded response is complete (DevHost streams it back as it comes).
        (status, body, result.Retries, var listeningAt, var answeredAt) = await forwarded;
        result.Listening = Ms(spawnedAt, listeningAt);
        result.Answer = Ms(spawnedAt, answeredAt);
        var (invokedAt, response) = await invoked;
        result.Invocation = Ms(spawnedAt, invokedAt);
        Protocol.EnsureSuccess(response.Result, "InvocationRequest");
    }
    else
    {
        var rpcHttp = new RpcHttp { Method = "GET", Url = $"http://127.0.0.1:7071{options.Path}" };
        foreach (var (name, value) in headers)
        {
            rpcHttp.Headers[name] = value;
            rpcHttp.NullableHeaders[name] = new NullableString { Value = value };
        }

        request.InputData.Add(new ParameterBinding { Name = trigger, Data = new TypedData { Http = rpcHttp } });
        var (stamp, response) = await protocol.InvokeAsync(request);
        result.Answer = result.Invocation = Ms(spawnedAt, stamp);
        Protocol.EnsureSuccess(response.Result, "InvocationRequest");
        var answer = response.ReturnValue?.Http ?? response.OutputData.FirstOrDefault(o => o.Name == "$return")?.Data?.Http
            ?? throw new InvalidOperationException("the InvocationResponse carries no RpcHttp");
        status = answer.StatusCode;
        body = answer.Body?.DataCase switch
        {
            TypedData.DataOneofCase.Bytes => answer.Body.Bytes.ToStringUtf8(),
            TypedData.DataOneofCase.String => answer.Body.String,
            TypedData.DataOneofCase.Json => answer.Body.Json,
            _ => "",
        };
    }

    // At once, before anything else: what the worker has used until its first answer.
    ProcStat.Read(worker.Id, result);
    result.HostCpu = (int)(Process.GetCurrentProcess().TotalProcessorTime - hostCpuAtSpawn).TotalMilliseconds;
    if (options.Environment.FirstOrDefault(e => e.Key == "DOTNET_JitStdOutFile").Value is { Length: > 0 } jitFile && File.Exists(jitFile))
    {
        // With DOTNET_JitDisasmSummary=1: the methods the worker JIT-compiled until its first answer (not at its shut-down).
        File.Copy(jitFile, jitFile + ".at-answer", overwrite: true);
    }

    result.Status = status;
    if (status != "200" || (options.Expect is { } expect && !body.Contains(expect, StringComparison.Ordinal)))
    {
        throw new InvalidOperationException($"answer {status}: {body}");
    }

    if (options.Verbose)
    {
        Console.Error.WriteLine($"answer {status}: {body}");
    }

    Console.WriteLine(result.ToCsv());
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"cold start failed: {ex.Message}");
    foreach (var line in WorkerProcess.Tail)
    {
        Console.Error.WriteLine($"  worker: {line}");
    }

    return 1;
}
finally
{
    await WorkerProcess.StopAsync(worker, session);
    session.Done.TrySetResult();
    await app.StopAsync(TimeSpan.FromSeconds(2));
}

static int Ms(long from, long? to = null) => (int)Math.Round(Stopwatch.GetElapsedTime(from, to ?? Stopwatch.GetTimestamp()).TotalMilliseconds);

namespace HostingModels.ColdHost
{
    internal sealed record Options(string App, bool Proxy, string Function, string Path, string? Expect, IReadOnlyList<KeyValuePair<string, string>> Environment,
        int RetryMs, bool WarmUp, bool Verbose, bool Header)
    {
        public static Options Parse(string[] args)
        {
            string app = ".", mode = "builtin", function = "ping", path = "/api/ping";
            string? expect = null;
            var environment = new List<KeyValuePair<string, string>>();
            int retryMs = 10;
            bool warmUp = true, verbose = false, header = false;
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--app": app = System.IO.Path.GetFullPath(Next()); break;
                    case "--mode": mode = Next(); break;
                    case "--function": function = Next(); break;
                    case "--path": path = Next(); break;
                    case "--expect": expect = Next(); break;
                    case "--env":
                        var pair = Next();
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        environment.Add(new(pair[..equals], pair[(equals + 1)..]));
                        break;
                    case "--retry-ms": retryMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--no-warmup": warmUp = false; break;
                    case "--verbose": verbose = true; break;
                    case "--header": header = true; break;
                    default: throw new ArgumentException($"unknown argument {args[i]}");
                }
            }

            if (mode is not ("builtin" or "proxy"))
            {
                throw new ArgumentException("--mode is builtin or proxy");
            }

            return new Options(app, mode == "proxy", function, path, expect, environment, retryMs, warmUp, verbose, header);
        }
    }

    internal sealed class Result
    {
        public const string Header = "answer_ms,cpu_ms,start_stream_ms,init_ms,metadata_ms,load_ms,invocation_ms,listening_ms,retries,functions,rss_mb,assemblies,threads,host_cpu_ms,status";

        public int Answer { get; set; }
        public int Cpu { get; set; }
        public int StartStream { get; set; }
        public int Init { get; set; }
        public int Metadata { get; set; }
        public int Load { get; set; }
        public int Invocation { get; set; }
        public int Listening { get; set; }
        public int Retries { get; set; }
        public int Functions { get; set; }
        public int RssMb { get; set; }
        public int Assemblies { get; set; }
        public int Threads { get; set; }
        public int HostCpu { get; set; }
        public string Status { get; set; } = "";

        public string ToCsv() => string.Join(',', new object[] { Answer, Cpu, StartStream, Init, Metadata, Load, Invocation, Listening, Retries, Functions, RssMb, Assemblies, Threads, HostCpu, Status }
            .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }

    /// <summary>The worker's side of the stream, handed from the gRPC service to the one flow in Program.</summary>
    internal sealed class Session
    {
        public string WorkerId { get; } = Guid.NewGuid().ToString();

        public TaskCompletionSource<long> StartStream { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<StreamingMessage> Inbound { get; } = Channel.CreateUnbounded<StreamingMessage>();

        public Channel<StreamingMessage> Outbound { get; } = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal sealed class RpcService(Session session) : FunctionRpc.FunctionRpcBase
    {
        public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        {
            var cancellation = context.CancellationToken;
            if (!await requestStream.MoveNext(cancellation) || requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
            {
                return;
            }

            var workerId = requestStream.Current.StartStream.WorkerId;
            if (workerId == WarmUp.WorkerId)
            {
                await responseStream.WriteAsync(new StreamingMessage { WorkerInitRequest = new WorkerInitRequest { HostVersion = "warm-up" } }, cancellation);
                return;
            }

            if (workerId != session.WorkerId)
            {
                return;
            }

            session.StartStream.TrySetResult(Stopwatch.GetTimestamp());
            var writing = Task.Run(async () =>
            {
                await foreach (var message in session.Outbound.Reader.ReadAllAsync(cancellation))
                {
                    await responseStream.WriteAsync(message, cancellation);
                }
            }, cancellation);
            try
            {
                while (await requestStream.MoveNext(cancellation))
                {
                    if (requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.RpcLog)
                    {
                        session.Inbound.Writer.TryWrite(requestStream.Current);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException)
            {
                // The worker went away.
            }
            finally
            {
                session.Inbound.Writer.TryComplete();
                session.Outbound.Writer.TryComplete();
            }

            try
            {
                await writing;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException or InvalidOperationException)
            {
                // Writing to a closed stream.
            }
        }
    }

    /// <summary>Requests matched to their answers by request id, invocations by invocation id, as DevHost's WorkerChannel.</summary>
    internal sealed class Protocol
    {
        private readonly Session _session;
        private readonly Dictionary<string, TaskCompletionSource<StreamingMessage>> _requests = [];
        private readonly Dictionary<string, TaskCompletionSource<(long, InvocationResponse)>> _invocations = [];
        private readonly Lock _gate = new();

        public Protocol(Session session, CancellationToken cancellation)
        {
            _session = session;
            _ = Task.Run(() => DispatchAsync(cancellation), cancellation);
        }

        public Task<StreamingMessage> RequestAsync(StreamingMessage message, StreamingMessage.ContentOneofCase expected)
        {
            message.RequestId = Guid.NewGuid().ToString();
            var pending = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _requests[message.RequestId] = pending;
            }

            _session.Outbound.Writer.TryWrite(message);
            return pending.Task.ContinueWith(t => t.Result.ContentCase == expected ? t.Result
                : throw new InvalidOperationException($"expected {expected}, got {t.Result.ContentCase}"), TaskScheduler.Default);
        }

        public Task<(long Stamp, InvocationResponse Response)> InvokeAsync(InvocationRequest request)
        {
            var pending = new TaskCompletionSource<(long, InvocationResponse)>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _invocations[request.InvocationId] = pending;
            }

            _session.Outbound.Writer.TryWrite(new StreamingMessage { InvocationRequest = request });
            return pending.Task;
        }

        public static void EnsureSuccess(StatusResult? result, string step)
        {
            if (result?.Status != StatusResult.Types.Status.Success)
            {
                throw new InvalidOperationException($"{step} failed: {result?.Exception?.Message ?? result?.Result ?? "no result"}");
            }
        }

        private async Task DispatchAsync(CancellationToken cancellation)
        {
            try
            {
                await foreach (var message in _session.Inbound.Reader.ReadAllAsync(cancellation))
                {
                    var stamp = Stopwatch.GetTimestamp();
                    lock (_gate)
                    {
                        if (message.ContentCase == StreamingMessage.ContentOneofCase.InvocationResponse)
                        {
                            if (_invocations.Remove(message.InvocationResponse.InvocationId, out var invocation))
                            {
                                invocation.TrySetResult((stamp, message.InvocationResponse));
                            }
                        }
                        else if (_requests.Remove(message.RequestId, out var request))
                        {
                            request.TrySetResult(message);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }

            lock (_gate)
            {
                var gone = new InvalidOperationException("the worker closed its stream");
                foreach (var pending in _requests.Values)
                {
                    pending.TrySetException(gone);
                }

                foreach (var pending in _invocations.Values)
                {
                    pending.TrySetException(gone);
                }
            }
        }
    }

    /// <summary>The worker's command line and environment, as tools/DevHost/Workers/WorkerProcess.cs builds them.</summary>
    internal static class WorkerProcess
    {
        private static readonly Queue<string> Lines = new();

        public static IReadOnlyCollection<string> Tail
        {
            get
            {
                lock (Lines)
                {
                    return Lines.ToArray();
                }
            }
        }

        public static Process Start(Options options, Uri grpcUri, string workerId, out long spawnedAt)
        {
            var app = options.App;
            var start = new ProcessStartInfo(WorkerCommand.DotnetHost(), [
                Path.Combine(app, WorkerCommand.WorkerAssembly(app)),
                "--functions-uri", grpcUri.ToString(),
                "--functions-worker-id", workerId,
                "--functions-request-id", Guid.NewGuid().ToString(),
                "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
            ])
            {
                WorkingDirectory = app,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var name in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in options.Environment)
            {
                start.Environment[name] = value;
            }

            start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
            start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app;
            start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = app;
            start.Environment["AzureWebJobsScriptRoot"] = app;
            start.Environment["WEBSITE_AUTH_ENABLED"] = "True"; // DevHost's default (--auth on)

            spawnedAt = Stopwatch.GetTimestamp();
            var process = Process.Start(start) ?? throw new InvalidOperationException("the worker did not start");
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        public static async Task StopAsync(Process process, Session session)
        {
            if (!process.HasExited)
            {
                session.Outbound.Writer.TryWrite(new StreamingMessage
                {
                    WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
                });
                try
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(3));
                }
                catch (TimeoutException)
                {
                    // Killed below.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        private static void Keep(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            lock (Lines)
            {
                Lines.Enqueue(line);
                if (Lines.Count > 40)
                {
                    Lines.Dequeue();
                }
            }
        }

    }

    /// <summary>The HTTP request to the worker's Kestrel, retried while nothing listens there yet (as the host's proxy does).</summary>
    internal static class Forward
    {
        public static async Task<(string Status, string Body, int Retries, long Attempted, long Answered)> GetAsync(
            HttpClient http, Uri uri, string invocationId, IReadOnlyDictionary<string, string> headers, int retryMs, CancellationToken cancellation)
        {
            for (var retries = 0; ; retries++)
            {
                using var message = new HttpRequestMessage(HttpMethod.Get, uri);
                foreach (var (name, value) in headers)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                message.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
                var attempted = Stopwatch.GetTimestamp(); // the attempt that connects: Kestrel listened by then (within retryMs)
                try
                {
                    using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellation);
                    var body = await response.Content.ReadAsStringAsync(cancellation);
                    return (((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body, retries, attempted, Stopwatch.GetTimestamp());
                }
                catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
                {
                    await Task.Delay(retryMs, cancellation);
                }
            }
        }
    }

    /// <summary>This host's first gRPC stream and first HTTP request, before any worker is spawned.</summary>
    internal static class WarmUp
    {
        public const string WorkerId = "warm-up";

        public static async Task RunAsync(Uri grpcUri, Uri httpUri, HttpClient http)
        {
            using var channel = GrpcChannel.ForAddress(grpcUri);
            var client = new FunctionRpc.FunctionRpcClient(channel);
            using var call = client.EventStream();
            await call.RequestStream.WriteAsync(new StreamingMessage { StartStream = new StartStream { WorkerId = WorkerId } });
            if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.WorkerInitRequest is null)
            {
                throw new InvalidOperationException("the warm-up stream got no answer");
            }

            await call.RequestStream.CompleteAsync();
            var bytes = Google.Protobuf.MessageExtensions.ToByteArray(new StreamingMessage { InvocationRequest = new InvocationRequest { InvocationId = "x" } });
            _ = StreamingMessage.Parser.ParseFrom(bytes);
            _ = Encoding.UTF8.GetString(bytes);
            (await http.GetAsync(httpUri)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>What /proc says about the worker at its first answer.</summary>
    internal static class ProcStat
    {
        public static void Read(int pid, Result result)
        {
            // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            result.Cpu = (int)(ticks * 1000 / ClockTicks);
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    result.RssMb = (int)Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    result.Threads = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture);
                }
            }

            result.Assemblies = File.ReadLines($"/proc/{pid}/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length >= 6 && p[^1].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(p => p[^1]).Distinct(StringComparer.Ordinal).Count();
        }

        /// <summary>USER_HZ: 100 on Linux x64 (what getconf CLK_TCK prints).</summary>
        private const long ClockTicks = 100;
    }
}
