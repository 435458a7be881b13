using HealthOracle.Functions.Models;
using HealthOracle.Functions.Predictions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;

namespace HealthOracle.Functions.Infrastructure;

/// <summary>RFC 9457 problem details, built one way for the whole app.</summary>
internal static class Problems
{
    public static PredictionHttpResult From(RequestProblem problem) =>
        problem.Errors is { } errors
            ? TypedResults.ValidationProblem(errors, problem.Detail, title: problem.Title)
            : TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title);

    /// <summary>503 with <c>Retry-After</c>: the model cannot be loaded right now, and why.</summary>
    public static ProblemHttpResult ModelUnavailable(ModelUnavailableException exception, int retryAfterSeconds, HttpResponse response)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Model unavailable",
            Detail = $"The {exception.Disease} model cannot be served right now: {exception.ReasonText}. Try again in {retryAfterSeconds} seconds.",
            Extensions = { ["reason"] = exception.Reason.ToString() },
        });
    }

    public static ProblemHttpResult Unexpected() =>
        TypedResults.Problem("The server met an unexpected error; it has been logged.", statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
}
