using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// What every chat request passes before the model is asked, whichever route and form it came in: the rate
/// limit, the body through the one pipeline, the bounds (<see cref="ChatValidator"/>), and a saved prediction
/// named by id read from the caller's own history. Refusals are logged and counted here, once.
/// </summary>
internal sealed class ChatGate(ChatRateLimiter limiter, ISavedPredictions saved, ILogger<ChatGate> logger)
{
    /// <summary>The request, or the problem that refuses it.</summary>
    /// <param name="parse">The route's reading of the body: JSON into its type, or the no-JS form.</param>
    public async Task<(T? Request, Problem? Refused)> AdmitAsync<T>(
        HttpRequest request, ChatCallInfo call, BodyRules rules, Func<ReceivedBody, (T?, Problem?)> parse, CancellationToken cancellationToken)
        where T : class, IChatBody<T>
    {
        if (!limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            Log.ChatRateLimited(logger, call.Function, call.RequestId, retryAfterSeconds);
            ChatTelemetry.RateLimited();
            return (null, ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute));
        }

        var (body, problem) = await RequestBodyReader.ReadAsync(request, rules, cancellationToken);
        T? chat = null;
        if (body is not null)
        {
            using (body)
            {
                (chat, problem) = parse(body);
            }
        }

        if (chat is not null && chat.Validate() is { Count: > 0 } errors)
        {
            problem = ChatProblems.Invalid(errors);
        }

        if (chat is { PredictionId: { } id } && problem is null)
        {
            (chat, problem) = await WithSavedAsync(request, chat!, id, cancellationToken);
        }

        if (problem is not null)
        {
            Log.ChatRefused(logger, call.Function, call.RequestId, problem.StatusCode, problem.Errors is { } invalid ? string.Join(",", invalid.Keys) : "-");
            ChatTelemetry.Refused();
            return (null, problem);
        }

        return (chat, null);
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/> (a form is not JSON: 415).</summary>
    public static Func<ReceivedBody, (T?, Problem?)> Json<T>(JsonTypeInfo<T> type)
        where T : class => body =>
    {
        if (body.Form is not null)
        {
            return (null, Problems.UnsupportedMediaType(ChatBody.Json.Accepted));
        }

        var (value, errors) = JsonBody.Parse(body.Json, type);
        return value is null ? (null, ChatProblems.Invalid(errors!)) : (value, null);
    };

    private async Task<(T?, Problem?)> WithSavedAsync<T>(HttpRequest request, T chat, string id, CancellationToken cancellationToken)
        where T : class, IChatBody<T>
    {
        if (request.Caller() is not { } caller)
        {
            return (null, IdentityProblems.SignInRequired());
        }

        var context = await saved.FindAsync(caller, id, cancellationToken);
        return context is null
            ? (null, Problems.NotFound("There is no saved prediction with this id in your history."))
            : (chat.WithPrediction(context), null);
    }
}
