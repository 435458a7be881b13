using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.OpenApi;

/// <summary>
/// The API's versions as the edge reads them (implemented in ApiContract, found as the descriptions are): one document
/// is built per version, and <c>GET /openapi.json</c> serves the one a request names, or the current one.
/// </summary>
internal interface IApiVersions
{
    IReadOnlyList<string> Supported { get; }

    /// <summary>The version a new client is written against: the document served when a request names none.</summary>
    string Current { get; }

    /// <summary>The supported version <paramref name="request"/> named, or null.</summary>
    string? Requested(HttpRequest request);
}
