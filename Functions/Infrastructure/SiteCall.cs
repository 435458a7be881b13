using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>
/// Marks a paid-route call that did not come through the API gateway where one is configured: a visitor of the
/// static site, sized for one person at a browser. Set by the gateway's middleware; a route that offers more than
/// one person needs (a batch) refuses it with <see cref="BatchNeedsKey"/>.
/// </summary>
internal sealed class SiteCall
{
    public static SiteCall Instance { get; } = new();

    public static Problem BatchNeedsKey { get; } = Problems.Status(ProblemTypes.BatchNeedsKey,
        "Scoring many patients in one call is part of the paid API: call it through the API gateway with a subscription key (docs/calling-the-api.md).");
}

internal static class SiteCallExtensions
{
    public static bool IsSiteCall(this HttpRequest request) => request.HttpContext.Features.Get<SiteCall>() is not null;
}
