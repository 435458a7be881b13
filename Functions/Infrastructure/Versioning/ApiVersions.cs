using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Infrastructure.Versioning;

/// <summary>
/// The API's versions (Azure's <c>api-version</c> query parameter, a date: docs/api.md says why) and what is
/// deprecated: one place, read by the middleware, the OpenAPI document and CHANGELOG.md's tests.
/// </summary>
internal static class ApiVersions
{
    public const string Parameter = "api-version";

    /// <summary>The first version: predictions answered with their per-model texts (advice, population, notes, labels, disclaimer).</summary>
    public const string First = "2026-12-01";

    /// <summary>The newest version, which <c>GET /openapi.json</c> describes unless asked for another: the per-model texts are in <c>GET /predict/{disease}</c>, not in every answer.</summary>
    public const string Current = "2026-12-07";

    /// <summary>What a call without <c>api-version</c> is answered as: the first version, so that no caller written before versions sees its answers change.</summary>
    public const string Unversioned = First;

    public static IReadOnlyList<string> Supported { get; } = [First, Current];

    /// <summary>
    /// A batch as a JSON array on a disease's single-patient operation (the form before the batch operation):
    /// answered without <c>api-version</c> until <see cref="ArrayOnSingleSunset"/>, with <c>Deprecation</c> and
    /// <c>Sunset</c>; refused with one.
    /// </summary>
    public static readonly DateTimeOffset ArrayOnSingleDeprecated = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset ArrayOnSingleSunset = new(2027, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Marks an answer as given by a deprecated form (RFC 9745 <c>Deprecation</c>, RFC 8594 <c>Sunset</c>) and names what replaces it.</summary>
    public static void MarkDeprecated(HttpResponse response, DateTimeOffset deprecated, DateTimeOffset sunset, string successor)
    {
        response.Headers["Deprecation"] = "@" + deprecated.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["Sunset"] = sunset.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.Link = $"<{successor}>; rel=\"successor-version\"";
    }
}

/// <summary>The version a request asked for (<see cref="Requested"/> null: none, so <see cref="ApiVersions.Unversioned"/>).</summary>
internal sealed record RequestedApiVersion(string? Requested)
{
    public bool Explicit => Requested is not null;

    /// <summary>The version the call is answered as.</summary>
    public string Effective => Requested ?? ApiVersions.Unversioned;

    /// <summary>True before 2026-12-07: each prediction carries its per-model texts.</summary>
    public bool TextsInAnswers => string.CompareOrdinal(Effective, ApiVersions.Current) < 0;

    public static RequestedApiVersion Of(HttpContext http) => http.Features.Get<RequestedApiVersion>() ?? Unversioned;

    private static readonly RequestedApiVersion Unversioned = new((string?)null);
}
