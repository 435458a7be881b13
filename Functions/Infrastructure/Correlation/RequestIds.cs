using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure.Correlation;

/// <summary>
/// The ids of one request, set by <see cref="RequestIdMiddleware"/> before anything answers: <see cref="RequestId"/>
/// (the caller's <c>x-request-id</c> when it sent a usable one, else made here), the caller's
/// <c>x-ms-client-request-id</c> to echo, and the W3C <see cref="TraceId"/> (the caller's <c>traceparent</c>'s when
/// it sent one, so the caller's trace and ours are one). A problem body carries the first and the last.
/// </summary>
internal sealed record RequestIds(string RequestId, string? ClientRequestId, string TraceId, string SpanId, bool Sampled)
{
    public const string RequestIdHeader = "x-request-id";

    public const string ClientRequestIdHeader = "x-ms-client-request-id";

    public const string TraceParentHeader = "traceparent";

    /// <summary>W3C Trace Context level 2's answer header: the trace this answer belongs to.</summary>
    public const string TraceResponseHeader = "traceresponse";

    /// <summary>A caller's id longer than this is not echoed .</summary>
    public const int MaxCallerIdLength = 128;

    /// <summary>The W3C form of this request's trace, as <c>traceresponse</c> carries it.</summary>
    public string TraceResponse => $"00-{TraceId}-{SpanId}-{(Sampled ? "01" : "00")}";

    /// <summary>The ids of <paramref name="http"/>, or null where no middleware set them (a unit test's context).</summary>
    public static RequestIds? Of(HttpContext http) => http.Features.Get<RequestIds>();

    /// <summary>Reads the caller's ids from <paramref name="request"/>; <paramref name="current"/> is the worker's own trace, used when the caller sent none.</summary>
    public static RequestIds From(HttpRequest request, ActivityContext current)
    {
        var clientRequestId = Usable(request.Headers[ClientRequestIdHeader]);
        var requestId = Usable(request.Headers[RequestIdHeader]) ?? Guid.NewGuid().ToString("D");
        if (TryParseTraceParent(request.Headers[TraceParentHeader], out var caller))
        {
            current = caller;
        }

        var traceId = current.TraceId == default ? ActivityTraceId.CreateRandom() : current.TraceId;
        var spanId = current.SpanId == default ? ActivitySpanId.CreateRandom() : current.SpanId;
        return new(requestId, clientRequestId, traceId.ToHexString(), spanId.ToHexString(), current.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
    }

    /// <summary>A W3C <c>traceparent</c> with a trace and a parent id, or false.</summary>
    public static bool TryParseTraceParent(string? value, out ActivityContext context)
    {
        context = default;
        return value is not null && ActivityContext.TryParse(value, null, out context) && context.TraceId != default && context.SpanId != default;
    }

    /// <summary>
    /// A caller's id is echoed only when it is one value of visible ASCII letters, digits and <c>-._:</c> up to
    /// <see cref="MaxCallerIdLength"/>: nothing a log or header could be forged with.
    /// </summary>
    internal static string? Usable(Microsoft.Extensions.Primitives.StringValues values) =>
        values is [{ Length: > 0 and <= MaxCallerIdLength } value] && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':')
            ? value
            : null;
}
