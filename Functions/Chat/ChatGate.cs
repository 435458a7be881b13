using System.Text.Json.Serialization.Metadata;
using HealthOracle.Functions.Identity;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Chat;

/// <summary>
/// What every chat request passes before the model is asked, whichever route and form it came in (the JSON routes,
/// the assistant's page): the body through the one pipeline, the rate limit, the bounds (<see cref="IChatBody{TSelf}.Validate"/>),
/// and a saved prediction named by id, read from the caller's own history. Refusals are logged and counted here, once.
/// </summary>
internal sealed class ChatGate(ChatRateLimiter limiter, ISavedPredictions saved, ILogger<ChatGate> logger)
{
    /// <param name="parse">The route's reading of the body: JSON into its type, or the assistant page's form.</param>
    public async Task<ChatAdmission<T>> AdmitAsync<T>(
        HttpRequest request, ChatCallInfo call, BodyRules rules, Func<ReceivedBody, (T?, Problem?)> parse, CancellationToken cancellationToken)
        where T : class, IChatBody<T>
    {
        var (body, problem) = await RequestBodyReader.ReadAsync(request, rules, cancellationToken);
        T? chat = null;
        if (body is not null)
        {
            using (body)
            {
                (chat, problem) = parse(body);
            }
        }

        // A body that cannot be read costs no permit: it never reaches the model.
        if (problem is null && !limiter.TryAcquire(request, out var retryAfterSeconds))
        {
            Log.ChatRateLimited(logger, call.Function, call.RequestId, retryAfterSeconds);
            ChatTelemetry.RateLimited();
            return new(chat, ChatProblems.TooManyRequests(retryAfterSeconds, limiter.PermitsPerMinute));
        }

        if (problem is null && chat!.Validate() is { Count: > 0 } errors)
        {
            problem = ChatProblems.Invalid(errors);
        }

        if (problem is null && chat!.PredictionId is { } id)
        {
            (chat, problem) = await WithSavedAsync(request, chat, id, cancellationToken);
        }

        if (problem is not null)
        {
            Log.ChatRefused(logger, call.Function, call.RequestId, problem.StatusCode, problem.Errors is { } invalid ? string.Join(",", invalid.Keys) : "-");
            ChatTelemetry.Refused();
        }

        return new(chat, problem);
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

    /// <summary>True when the caller asks for the reply as server-sent events.</summary>
    public static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private async Task<(T, Problem?)> WithSavedAsync<T>(HttpRequest request, T chat, string id, CancellationToken cancellationToken)
        where T : class, IChatBody<T>
    {
        if (request.Caller() is not { } caller)
        {
            return (chat, IdentityProblems.SignInRequired());
        }

        var context = await saved.FindAsync(caller, id, cancellationToken);
        return context is null
            ? (chat, Problems.NotFound("There is no saved prediction with this id in your history."))
            : (chat.WithPrediction(context), null);
    }
}

/// <summary>A chat request as the gate left it: admitted, or refused with the problem; the request as read either way (null when it could not be read).</summary>
internal sealed record ChatAdmission<T>(T? Request, Problem? Refused)
    where T : class
{
    public bool Admitted => Refused is null;
}
