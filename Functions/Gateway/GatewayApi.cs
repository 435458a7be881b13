using System.Text.Json.Nodes;
using HealthOracle.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Gateway;

/// <summary>
/// The paid API's key and refusals. Every operation may be called through the API gateway with a
/// subscription key; the paid ones (<see cref="GatewayOptions.PaidPaths"/>, as the middleware decides) also
/// have the direct route's refusals.
/// </summary>
internal sealed class GatewayApi(IOptions<GatewayOptions> options) : IApiDescription
{
    public const string SubscriptionKey = "subscriptionKey";

    public void Describe(ApiDocumentBuilder api)
    {
        api.SecurityScheme(SubscriptionKey, new JsonObject
        {
            ["type"] = "apiKey",
            ["in"] = "header",
            ["name"] = "Ocp-Apim-Subscription-Key",
            ["description"] = "Your subscription key, on every call through the API gateway. Calls straight to the app (the web site's route) need none, " +
                "but are limited to one patient at a time and a few calls a minute per address.",
        });
        api.Secure(SubscriptionKey, "");

        api.Everywhere(IsPaid, operation => operation
            .Problem(StatusCodes.Status403Forbidden, "Through the gateway: the subscription's quota for this window is used up (`QuotaExceeded`; `Retry-After` says when it renews). " +
                "Without a key: a batch (a JSON array), which needs a subscription key.", RetryAfter.Sometimes)
            .Problem(StatusCodes.Status429TooManyRequests, $"Through the gateway: the subscription's rate limit (`RateLimitExceeded`). Without a key: more than {options.Value.SitePermitsPerMinute} " +
                "calls a minute from one address. Retry after `Retry-After` seconds.", RetryAfter.Always)
            .Problem(StatusCodes.Status503ServiceUnavailable, $"The deployment requires its API gateway and the app cannot read the gateway's key (`reason`: `{GatewayMiddleware.NotConfiguredReason}`): " +
                "every paid call is refused until the operator fixes it.", RetryAfter.Always));
        api.Everywhere(operation => !IsPaid(operation), operation => operation
            .Problem(StatusCodes.Status403Forbidden, "Through the gateway: the subscription's quota for this window is used up (`QuotaExceeded`; `Retry-After` says when it renews).", RetryAfter.Sometimes)
            .Problem(StatusCodes.Status429TooManyRequests, "Through the gateway: the subscription's rate limit (`RateLimitExceeded`). Retry after `Retry-After` seconds.", RetryAfter.Always));
        api.Everywhere(_ => true, operation => operation
            .Problem(StatusCodes.Status401Unauthorized, "Through the gateway: the subscription key is missing or not valid (`SubscriptionKeyInvalid`)."));

        // The IETF RateLimit fields: API Management's product policies send them on every answer through the gateway, its
        // refusals included (infra/app/apim-policies); the app sends them for the site's own route on the paid operations.
        var policy = api.Header("RateLimitPolicy", new JsonObject
        {
            ["description"] = "draft-ietf-httpapi-ratelimit-headers: the limit that applies, e.g. `\"burst\";q=100;w=60` (100 calls a 60-second window) through " +
                "the gateway, `\"site\";q=30;w=60` per address on the site's own route. Absent where no limit applies.",
            ["schema"] = new JsonObject { ["type"] = "string" },
        });
        var remaining = api.Header("RateLimit", new JsonObject
        {
            ["description"] = "draft-ietf-httpapi-ratelimit-headers: what is left of `RateLimit-Policy`'s limit, e.g. `\"burst\";r=42`, with `t=` the seconds " +
                "until it renews once none is left.",
            ["schema"] = new JsonObject { ["type"] = "string" },
        });
        api.Everywhere(_ => true, operation => operation
            .EveryAnswerCarries("RateLimit-Policy", policy)
            .EveryAnswerCarries("RateLimit", remaining));
    }

    private bool IsPaid(ApiOperation operation) => options.Value.IsPaid(operation.Method, new PathString(ApiDocument.Server + operation.Path));
}
