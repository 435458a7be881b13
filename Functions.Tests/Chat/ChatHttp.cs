using System.Text;
using System.Text.Json.Nodes;
using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HealthOracle.Functions.Tests.Chat;

/// <summary>Builds a POST as the Functions host hands it to the worker, and runs a function's result on it.</summary>
internal static class ChatHttp
{
    public const string ClientAddress = "203.0.113.7";

    public static DefaultHttpContext Post(IServiceProvider services, string body, string? accept = null,
        string? forwardedFor = ClientAddress + ":50312", string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs a function as the worker does: a domain failure it throws is answered by <see cref="DomainProblems"/>.</summary>
    public static async Task<ChatHttpAnswer> RunAsync(IServiceProvider services, HttpContext context, Func<Task<IResult>> run)
    {
        IResult result;
        try
        {
            result = await run();
        }
        catch (Exception e) when (services.GetRequiredService<DomainProblems>().TryMap(e, out var problem))
        {
            result = problem;
        }

        return await ExecuteAsync(result, context);
    }

    public static async Task<ChatHttpAnswer> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        JsonNode? json = null;
        if (context.Response.ContentType?.Contains("json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(text);
        }

        return new ChatHttpAnswer(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.RetryAfter.ToString(), text, json);
    }
}

internal sealed record ChatHttpAnswer(int Status, string? ContentType, string RetryAfter, string Text, JsonNode? Json)
{
    /// <summary>The server-sent events of a streamed answer, as (event type, data) pairs.</summary>
    public IReadOnlyList<(string Event, JsonNode Data)> Events => Text
        .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
        .Select(block =>
        {
            var lines = block.Split('\n');
            var type = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..] ?? "message";
            var data = lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..];
            return (type, JsonNode.Parse(data)!);
        })
        .ToList();
}
