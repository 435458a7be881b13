using System.Text.Json;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Infrastructure;

public sealed class ProblemTests
{
    [Fact]
    public async Task ExecuteAsync_WithRetryAfter_WritesTheHeaderAndTheProblemTogether()
    {
        var problem = Problems.Status(ProblemTypes.ModelUnavailable, "Try again in 7 seconds.", retryAfterSeconds: 7);

        var (context, body) = await ExecuteAsync(problem);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("urn:healthoracle:problem:ModelUnavailable", body.GetProperty("type").GetString());
        Assert.Equal("ModelUnavailable", body.GetProperty("code").GetString());
        Assert.Equal("Model unavailable", body.GetProperty("title").GetString());
        Assert.False(body.TryGetProperty("requestId", out _));
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_CarriesItsCodeAndRetryAfter()
    {
        var (context, body) = await ExecuteAsync(Problems.Status(ProblemTypes.TooManyRequests, "Wait.", retryAfterSeconds: 3));

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("TooManyRequests", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_WithRequestIds_CarriesThemOnACopyAndLeavesTheSharedProblemAlone()
    {
        var shared = Problems.Status(ProblemTypes.BatchNeedsKey, "Use a key.");
        var ids = new HealthOracle.Functions.Infrastructure.Correlation.RequestIds("req-1", null, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", true);

        var (_, body) = await ExecuteAsync(shared, ids);

        Assert.Equal("req-1", body.GetProperty("requestId").GetString());
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", body.GetProperty("traceId").GetString());
        Assert.Equal("BatchNeedsKey", body.GetProperty("code").GetString());
        Assert.False(shared.Details.Extensions.ContainsKey("requestId"));
    }

    [Fact]
    public async Task ExecuteAsync_Invalid_ListsTheFieldsAndSendsNoRetryAfter()
    {
        var problem = Problems.Invalid(ProblemTypes.InvalidValues, "See errors.", new Dictionary<string, string[]> { ["age"] = ["is required."] });

        var (context, body) = await ExecuteAsync(problem);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("is required.", body.GetProperty("errors").GetProperty("age")[0].GetString());
        Assert.Equal(["age"], problem.Errors!.Keys);
        Assert.Equal("InvalidValues", body.GetProperty("code").GetString());
        Assert.Equal("Invalid values", body.GetProperty("title").GetString());
    }

    private static async Task<(HttpContext Context, JsonElement Body)> ExecuteAsync(IResult result, HealthOracle.Functions.Infrastructure.Correlation.RequestIds? ids = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        if (ids is not null)
        {
            context.Features.Set(ids);
        }

        var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context, JsonDocument.Parse(body.ToArray()).RootElement);
    }
}
