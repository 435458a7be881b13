using HealthOracle.DevHost.Hosting;

namespace HealthOracle.DevHost.Auth;

/// <summary>
/// App Service Authentication as DevHost plays it for every request on the API port: who the caller is
/// (a valid session cookie), which client-sent headers reach the worker (none that the platform owns),
/// and which headers the platform adds (the client principal of a signed-in caller). Off
/// (<c>--auth off</c>), it is App Service without authentication: nothing is stripped or added.
/// </summary>
internal sealed class EasyAuth(DevHostContext host, SessionCookie sessions)
{
    public bool Enabled => host.Options.AuthEmulation;

    public Session? SessionOf(HttpRequest request) =>
        Enabled && request.Cookies.TryGetValue(SessionCookie.Name, out var value) ? sessions.Read(value) : null;

    /// <summary>Whether a header the client sent is forwarded to the worker.</summary>
    public bool Forwards(string headerName) => !Enabled || !PlatformHeaders.IsOwnedByPlatform(headerName);

    /// <summary>The headers the platform adds to this request: the client principal when signed in, else none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HeadersFor(HttpRequest request) =>
        SessionOf(request)?.Principal.Headers ?? [];
}
