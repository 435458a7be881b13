namespace HealthOracle.DevHost.Http;

/// <summary>
/// The request id on DevHost's own answers (its 404, 405, 401, 503, 408 and the like, which never reach the worker), by
/// the app's rule (Functions/Infrastructure/Correlation/RequestIds.cs): the caller's <c>x-request-id</c> when usable
/// (letters, digits, <c>-._:</c>, up to 128), else a new one; <c>x-ms-client-request-id</c> echoed when usable. So every
/// answer has a request id locally too, whoever gave it.
/// </summary>
internal static class RequestIdHeaders
{
    public const string RequestId = "x-request-id";

    public const string ClientRequestId = "x-ms-client-request-id";

    private const int MaxLength = 128;

    /// <summary>Adds the ids to every answer of the functions' port that does not carry them already (the worker's carry its own).</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (!context.Response.Headers.ContainsKey(RequestId))
            {
                Add(context);
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Add(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[RequestId] = Usable(context.Request.Headers[RequestId]) ?? NewId();
        if (Usable(context.Request.Headers[ClientRequestId]) is { } client)
        {
            headers[ClientRequestId] = client;
        }
    }

    /// <summary>An id for an answer made before any request was read (Kestrel's own refusals).</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");

    private static string? Usable(Microsoft.Extensions.Primitives.StringValues values) =>
        values is [{ Length: > 0 and <= MaxLength } value] && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':')
            ? value
            : null;
}
