using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthOracle.Functions.Infrastructure.Correlation;

/// <summary>
/// The first middleware: every HTTP answer, whoever writes it (a function, a problem, the 500 of an unhandled
/// failure, the gateway's refusal, an HTML page), carries <c>x-request-id</c>, <c>traceresponse</c> and, when the caller
/// sent one, its <c>x-ms-client-request-id</c>. The headers are written as the answer starts, so a middleware that
/// clears the headers of a failed answer does not remove them.
/// </summary>
internal sealed class RequestIdMiddleware : IFunctionsWorkerMiddleware
{
    private const string Exposed = $"{RequestIds.RequestIdHeader}, {RequestIds.ClientRequestIdHeader}, {RequestIds.TraceResponseHeader}";

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            return next(context);
        }

        var ids = RequestIds.From(http.Request, Activity.Current?.Context ?? FromHost(context));
        http.Features.Set(ids);
        http.Response.OnStarting(() =>
        {
            Write(http.Response, ids);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Sets the ids' headers on <paramref name="response"/> (and lets a browser's script read them).</summary>
    public static void Write(HttpResponse response, RequestIds ids)
    {
        response.Headers[RequestIds.RequestIdHeader] = ids.RequestId;
        response.Headers[RequestIds.TraceResponseHeader] = ids.TraceResponse;
        if (ids.ClientRequestId is { } client)
        {
            response.Headers[RequestIds.ClientRequestIdHeader] = client;
        }

        var exposed = response.Headers.AccessControlExposeHeaders.ToString();
        response.Headers.AccessControlExposeHeaders = exposed.Length == 0 ? Exposed : $"{exposed}, {Exposed}";
    }

    // The host passes its trace on with the invocation; the worker may not have made an Activity of it.
    private static ActivityContext FromHost(FunctionContext context) =>
        RequestIds.TryParseTraceParent(context.TraceContext?.TraceParent, out var host) ? host : default;
}
