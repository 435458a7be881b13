using HealthOracle.Functions.Infrastructure;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>What every chat call passes before Gemini is asked: the rate limit, a bounded JSON body, the limits.</summary>
internal sealed class ChatGate(ChatRateLimiter limiter, ILogger<ChatGate> logger)
{
    public async Task<(T? Body, Problem? Refused)> AdmitAsync<T>(HttpRequest request, ChatCallInfo call, JsonTypeInfo<T> type,
        Func<T, Dictionary<string, string[]>> validate, CancellationToken cancellationToken)
        where T : class
    {
        if (!limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            Log.ChatRateLimited(logger, call.Function, call.RequestId, retryAfterSeconds);
            ChatTelemetry.RateLimited();
            return (null, ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute));
        }

        var (body, problem) = await ChatBody.ReadAsync(request, type, cancellationToken);
        if (body is not null && validate(body) is { Count: > 0 } errors)
        {
            problem = ChatProblems.Invalid(errors);
        }

        if (problem is not null)
        {
            var fields = problem.Errors is { } invalid ? string.Join(",", invalid.Keys) : "-";
            Log.ChatRefused(logger, call.Function, call.RequestId, problem.StatusCode, fields);
            ChatTelemetry.Refused();
            return (null, problem);
        }

        return (body, null);
    }
}
