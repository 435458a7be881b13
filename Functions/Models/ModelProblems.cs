using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HealthOracle.Functions.Models;

/// <summary>A model that cannot be served right now: 503 with <c>Retry-After</c> and the reason, for every route that scores.</summary>
internal sealed class ModelProblems(IOptions<ModelStoreOptions> options) : IProblemMapper
{
    public Problem? Map(Exception exception) => exception is ModelUnavailableException unavailable ? Unavailable(unavailable, options.Value.RetryAfterSeconds) : null;

    public static Problem Unavailable(ModelUnavailableException exception, int retryAfterSeconds) => Problems.Status(
        ProblemTypes.ModelUnavailable,
        $"The {exception.Disease} model cannot be served right now: {exception.ReasonText}. Try again in {retryAfterSeconds} seconds.",
        retryAfterSeconds,
        new Dictionary<string, object?> { ["reason"] = exception.Reason.ToString() });
}
