using System.Buffers;
using System.Diagnostics;
using System.Net;
using HealthOracle.DevHost.Auth;
using HealthOracle.DevHost.Functions;
using HealthOracle.DevHost.Hosting;
using HealthOracle.DevHost.Rpc;
using HealthOracle.DevHost.Workers;

namespace HealthOracle.DevHost.Http;

/// <summary>
/// Runs one HTTP invocation the way the host's HTTP proxying does: the caller's request is forwarded to
/// the worker's own Kestrel with <c>x-ms-invocation-id</c>, an InvocationRequest with the same id goes over
/// gRPC, and the worker's response is streamed back as it is written (SSE included). host.json's
/// functionTimeout cancels the invocation: 504 if nothing was sent yet, else the connection is aborted.
/// Every failure is answered as a problem: a header the forward cannot carry (400, before any invocation
/// starts), a request body that stalls (408) or breaks off (400), a worker that exits (502), a function
/// that fails before it answers (500).
/// </summary>
internal sealed partial class HttpFunctionInvoker(DevHostContext host, HttpMessageInvoker workerHttp, EasyAuth auth, ILogger<HttpFunctionInvoker> logger)
{
    public const string InvocationIdHeader = "x-ms-invocation-id";

    /// <summary>
    /// What the Functions host sets itself on every forward (and so never takes from the caller): the
    /// <c>X-Forwarded-*</c> headers, and <c>Forwarded</c>, which YARP removes once it writes them.
    /// </summary>
    private static readonly HashSet<string> ProxyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "Forwarded",
    };

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Host",
    };

    public async Task InvokeAsync(HttpContext context, WorkerHandle worker, HttpRoute route, RouteValueDictionary values)
    {
        var function = route.Function;
        if (HeaderValues.FirstUnforwardable(context.Request.Headers, name => IsForwarded(name, auth)) is { } header)
        {
            LogHeaderRefused(logger, function.Name, header);
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest,
                $"The header '{header}' has a character that a forwarded header cannot carry (only visible ASCII, spaces and tabs); the function was not called.",
                new Dictionary<string, string[]> { [header] = ["Only visible ASCII characters, spaces and tabs are allowed."] });
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        var started = Stopwatch.GetTimestamp();

        // One source for both ends of an invocation: the caller going away, or the function timeout.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (host.HostJson.FunctionTimeout != Timeout.InfiniteTimeSpan)
        {
            linked.CancelAfter(host.HostJson.FunctionTimeout);
        }
        using var forwardRequest = CreateForwardRequest(context, worker.HttpUri, invocationId, name => auth.Forwards(name), auth.HeadersFor(context.Request));

        Task<InvocationResponse> invocation;
        try
        {
            invocation = worker.Channel.InvokeAsync(Invocations.CreateHttp(function, invocationId, values));
        }
        catch (WorkerUnavailableException)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "The worker is restarting; try again shortly.");
            return;
        }

        // Logged once the invocation is on its way to the worker (as the Functions host does): from here on, a worker
        // that exits is a 502 for this request, never the 503 of a worker that was not there to ask.
        LogExecuting(logger, function.Name, invocationId);
        var forward = workerHttp.SendAsync(forwardRequest, linked.Token);
        var outcome = "Succeeded";
        try
        {
            if (await Task.WhenAny(forward, invocation) == invocation && !IsSuccess(invocation))
            {
                await linked.CancelAsync();
                outcome = "Failed";
                if (invocation.Exception?.InnerException is WorkerUnavailableException)
                {
                    LogWorkerExited(logger, function.Name, invocationId);
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status502BadGateway, WorkerExitedDetail);
                    return;
                }

                // The function failed before the worker answered over HTTP: the host answers 500.
                var exception = invocation.IsCompletedSuccessfully ? invocation.Result.Result?.Exception : null;
                LogInvocationFailed(logger, function.Name, invocationId, exception?.Type ?? "unknown", exception?.Message ?? "no exception reported");
                await ProblemResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "The function failed before it answered; DevHost's log has the worker's error.");
                return;
            }

            using var response = await forward;
            await CopyResponseAsync(context, response, linked.Token);
            outcome = await OutcomeAsync(invocation);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException or WorkerUnavailableException)
        {
            worker.Channel.Cancel(invocationId);
            if (context.RequestAborted.IsCancellationRequested)
            {
                outcome = "Cancelled";
            }
            else if (FindBadRequest(ex) is { } badRequest)
            {
                // The caller's body stalled or broke off while it was forwarded: the caller's fault, not the worker's.
                outcome = "BadRequest";
                LogRequestBodyFailed(logger, function.Name, invocationId, badRequest.StatusCode);
                await AnswerOrAbortAsync(context, badRequest.StatusCode, badRequest.StatusCode == StatusCodes.Status408RequestTimeout
                    ? "The request body did not arrive in time (nothing for 5 seconds, or under 240 bytes a second after the first 5); the function was cancelled."
                    : "The request body could not be read: it ended before its Content-Length, or its chunked encoding is malformed; the function was cancelled.");
            }
            else if (linked.IsCancellationRequested)
            {
                outcome = "TimedOut";
                LogTimeout(logger, function.Name, invocationId, host.HostJson.FunctionTimeout);
                await AnswerOrAbortAsync(context, StatusCodes.Status504GatewayTimeout, $"The function exceeded the function timeout ({host.HostJson.FunctionTimeout}).");
            }
            else if (ex is WorkerUnavailableException || invocation.Exception?.InnerException is WorkerUnavailableException)
            {
                outcome = "Failed";
                LogWorkerExited(logger, function.Name, invocationId);
                await AnswerOrAbortAsync(context, StatusCodes.Status502BadGateway, WorkerExitedDetail);
            }
            else
            {
                outcome = "Failed";
                LogWorkerDidNotAnswer(logger, function.Name, invocationId, ex.GetType().Name, ex.Message);
                await AnswerOrAbortAsync(context, StatusCodes.Status502BadGateway, "The worker did not answer.");
            }
        }
        finally
        {
            LogExecuted(logger, function.Name, outcome, invocationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>
    /// The request to the worker: the caller's, without hop-by-hop headers and without the headers
    /// <paramref name="forwards"/> refuses (those the platform owns), plus <paramref name="platformHeaders"/>
    /// (the client principal), the proxy's <c>X-Forwarded-*</c> and the invocation id.
    /// </summary>
    internal static HttpRequestMessage CreateForwardRequest(
        HttpContext context,
        Uri workerUri,
        string invocationId,
        Func<string, bool> forwards,
        IReadOnlyList<KeyValuePair<string, string>> platformHeaders)
    {
        var request = context.Request;
        var target = new Uri(workerUri, request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target) { Version = HttpVersion.Version11 };

        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(new StalledBodyGuard(request.Body, StalledBodyGuard.IdleTimeout));
        }

        foreach (var (name, value) in request.Headers)
        {
            if (!IsForwarded(name, forwards))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        // As the Functions host forwards (YARP's default transforms, ForwardedTransformActions.Set): each
        // X-Forwarded-* header is replaced, never appended to, so whatever the caller sent is dropped and the
        // worker learns only the address this host saw connect. The worker's ASP.NET Core integration trusts
        // its loopback caller and turns the one X-Forwarded-For entry into the connection's remote address.
        if (context.Connection.RemoteIpAddress is { } caller)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", caller.ToString());
        }

        message.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        if (request.PathBase.HasValue)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", request.PathBase.Value);
        }

        foreach (var (name, value) in platformHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.Remove(InvocationIdHeader);
        message.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return message;
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = value.ToArray();
            }
        }

        foreach (var (name, value) in response.Content.Headers)
        {
            context.Response.Headers[name] = value.ToArray();
        }

        // Copy as it arrives: each Kestrel write is flushed, so server-sent events reach the caller at once.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const string WorkerExitedDetail = "The worker exited before it answered; DevHost is restarting it. Try again shortly.";

    private static bool IsForwarded(string name, EasyAuth auth) => IsForwarded(name, auth.Forwards);

    private static bool IsForwarded(string name, Func<string, bool> forwards) => !HopByHop.Contains(name) && !ProxyHeaders.Contains(name) && forwards(name);

    /// <summary>Kestrel's verdict on the caller's request body (408 stalled, 400 broken off), wherever the forward wrapped it.</summary>
    private static BadHttpRequestException? FindBadRequest(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is BadHttpRequestException badRequest)
            {
                return badRequest;
            }
        }

        return null;
    }

    private static bool IsSuccess(Task<InvocationResponse> invocation) =>
        invocation.IsCompletedSuccessfully && invocation.Result.Result?.Status == StatusResult.Types.Status.Success;

    private static async Task<string> OutcomeAsync(Task<InvocationResponse> invocation)
    {
        try
        {
            // The worker answers over gRPC right after the HTTP response is complete.
            var response = await invocation.WaitAsync(TimeSpan.FromSeconds(10));
            return response.Result?.Status == StatusResult.Types.Status.Success ? "Succeeded" : "Failed";
        }
        catch (Exception ex) when (ex is TimeoutException or WorkerUnavailableException or OperationCanceledException)
        {
            return "Unknown";
        }
    }

    private static async Task AnswerOrAbortAsync(HttpContext context, int status, string detail)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        await ProblemResponses.WriteAsync(context, status, detail);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='This function was programmatically called via the host APIs.', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Outcome}, Id={InvocationId}, Duration={DurationMs:0.0}ms)")]
    private static partial void LogExecuted(ILogger logger, string functionName, string outcome, string invocationId, double durationMs);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "Function 'Functions.{FunctionName}' (Id: '{InvocationId}'): the worker did not answer over HTTP: {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogWorkerDidNotAnswer(ILogger logger, string functionName, string invocationId, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Function 'Functions.{FunctionName}' (Id: '{InvocationId}') failed before answering: {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogInvocationFailed(ILogger logger, string functionName, string invocationId, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "Timeout value of {Timeout} exceeded by function 'Functions.{FunctionName}' (Id: '{InvocationId}'); invocation cancelled")]
    private static partial void LogTimeout(ILogger logger, string functionName, string invocationId, TimeSpan timeout);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Function 'Functions.{FunctionName}' not called: the request's header {HeaderName} has a character a forwarded header cannot carry; answered 400")]
    private static partial void LogHeaderRefused(ILogger logger, string functionName, string headerName);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Function 'Functions.{FunctionName}' (Id: '{InvocationId}'): the caller's request body failed while it was forwarded; invocation cancelled, answered {StatusCode}")]
    private static partial void LogRequestBodyFailed(ILogger logger, string functionName, string invocationId, int statusCode);

    [LoggerMessage(EventId = 18, Level = LogLevel.Error, Message = "Function 'Functions.{FunctionName}' (Id: '{InvocationId}'): the worker exited before it answered; answered 502")]
    private static partial void LogWorkerExited(ILogger logger, string functionName, string invocationId);
}
