using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthOracle.Functions.Infrastructure.Versioning;

/// <summary>
/// Reads <c>api-version</c> once for every HTTP route: absent is the first version (<see cref="ApiVersions.Unversioned"/>), a supported one is noted for
/// the route (<see cref="RequestedApiVersion"/>), anything else is a 400 <c>UnsupportedApiVersion</c> naming the
/// versions there are, before any body is read.
/// </summary>
internal sealed class ApiVersionMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http && http.Request.Query.TryGetValue(ApiVersions.Parameter, out var values))
        {
            if (values is not [{ } requested] || !ApiVersions.Supported.Contains(requested))
            {
                await Problems.Invalid(ProblemTypes.UnsupportedApiVersion,
                    $"This service has api-version {string.Join(", ", ApiVersions.Supported)}; leave it out for {ApiVersions.Unversioned}.",
                    new Dictionary<string, string[]> { [ApiVersions.Parameter] = [$"must be one of: {string.Join(", ", ApiVersions.Supported)} (once)."] })
                    .ExecuteAsync(http);
                return;
            }

            http.Features.Set(new RequestedApiVersion(requested));
        }

        await next(context);
    }
}
