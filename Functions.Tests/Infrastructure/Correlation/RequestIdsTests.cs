using System.Diagnostics;
using HealthOracle.Functions.Infrastructure.Correlation;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Tests.Infrastructure.Correlation;

public sealed class RequestIdsTests
{
    private const string CallerTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void From_CallerSentItsIds_EchoesThemAndKeepsItsTrace()
    {
        var request = Request(("x-request-id", "order-42:retry.1"), ("x-ms-client-request-id", "3f2b1c9e-0000-4000-8000-000000000001"), ("traceparent", CallerTraceParent));

        var ids = RequestIds.From(request, default);

        Assert.Equal("order-42:retry.1", ids.RequestId);
        Assert.Equal("3f2b1c9e-0000-4000-8000-000000000001", ids.ClientRequestId);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", ids.TraceId);
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", ids.TraceResponse);
        Assert.EndsWith("-01", ids.TraceResponse);
    }

    [Fact]
    public void From_NoCallerIds_MakesARequestIdAndUsesTheWorkersTrace()
    {
        var current = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None);

        var ids = RequestIds.From(Request(), current);

        Assert.True(Guid.TryParse(ids.RequestId, out _));
        Assert.Null(ids.ClientRequestId);
        Assert.Equal(current.TraceId.ToHexString(), ids.TraceId);
        Assert.EndsWith("-00", ids.TraceResponse);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("line\r\nbreak")]
    [InlineData("quote\"")]
    [InlineData("")]
    public void From_UnsafeCallerId_IsNotEchoed(string sent)
    {
        var ids = RequestIds.From(Request(("x-request-id", sent), ("x-ms-client-request-id", sent)), default);

        Assert.NotEqual(sent, ids.RequestId);
        Assert.True(Guid.TryParse(ids.RequestId, out _));
        Assert.Null(ids.ClientRequestId);
    }

    [Fact]
    public void From_TooLongOrRepeatedId_IsNotEchoed()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers["x-request-id"] = new string('a', RequestIds.MaxCallerIdLength + 1);
        request.Headers["x-ms-client-request-id"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]);

        var ids = RequestIds.From(request, default);

        Assert.True(Guid.TryParse(ids.RequestId, out _));
        Assert.Null(ids.ClientRequestId);
    }

    [Theory]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    [InlineData("not a traceparent")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b71")]
    public void From_InvalidTraceParent_StartsATraceOfItsOwn(string traceParent)
    {
        var ids = RequestIds.From(Request(("traceparent", traceParent)), default);

        Assert.Matches("^[0-9a-f]{32}$", ids.TraceId);
        Assert.NotEqual("00000000000000000000000000000000", ids.TraceId);
        Assert.NotEqual("0af7651916cd43dd8448eb211c80319c", ids.TraceId);
    }

    [Fact]
    public void Write_SetsTheHeadersAndExposesThemBesideRetryAfter()
    {
        var response = new DefaultHttpContext().Response;
        response.Headers.AccessControlExposeHeaders = "Retry-After";
        var ids = RequestIds.From(Request(("x-ms-client-request-id", "c-1"), ("traceparent", CallerTraceParent)), default);

        RequestIdMiddleware.Write(response, ids);

        Assert.Equal(ids.RequestId, response.Headers["x-request-id"].ToString());
        Assert.Equal("c-1", response.Headers["x-ms-client-request-id"].ToString());
        Assert.Equal(ids.TraceResponse, response.Headers["traceresponse"].ToString());
        Assert.Equal("Retry-After, x-request-id, x-ms-client-request-id, traceresponse", response.Headers.AccessControlExposeHeaders.ToString());
    }

    private static HttpRequest Request(params (string Name, string Value)[] headers)
    {
        var request = new DefaultHttpContext().Request;
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        return request;
    }
}
