using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Identity;

internal static class CallerExtensions
{
    /// <summary>The signed-in caller that <see cref="CallerMiddleware"/> found, or null for an anonymous request.</summary>
    public static Caller? Caller(this HttpRequest request) => request.HttpContext.Features.Get<Caller>();
}
