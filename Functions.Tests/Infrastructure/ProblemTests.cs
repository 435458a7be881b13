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
        var problem = Problems.Status(StatusCodes.Status503ServiceUnavailable, "Model unavailable", "Try again in 7 seconds.", retryAfterSeconds: 7);

        var (context, body) = await ExecuteAsync(problem);

        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", body.GetProperty("type").GetString());
        Assert.Equal("Model unavailable", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_TooManyRequests_CarriesTheRfc6585TypeAndRetryAfter()
    {
        var (context, body) = await ExecuteAsync(Problems.Status(StatusCodes.Status429TooManyRequests, "Too many", "Wait.", retryAfterSeconds: 3));

        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ExecuteAsync_Invalid_ListsTheFieldsAndSendsNoRetryAfter()
    {
        var problem = Problems.Invalid("Invalid values", "See errors.", new Dictionary<string, string[]> { ["age"] = ["is required."] });

        var (context, body) = await ExecuteAsync(problem);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("is required.", body.GetProperty("errors").GetProperty("age")[0].GetString());
        Assert.Equal(["age"], problem.Errors!.Keys);
    }

    private static async Task<(HttpContext Context, JsonElement Body)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (context, JsonDocument.Parse(body.ToArray()).RootElement);
    }
}
