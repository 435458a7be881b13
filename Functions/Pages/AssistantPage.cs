using HealthOracle.Functions.Chat;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Site;

namespace HealthOracle.Functions.Pages;

/// <summary>What a person reads when the assistant's pages cannot answer: one wording for every refusal and failure.</summary>
internal static class AssistantPage
{
    public static string Reason(Problem problem, bool hadHistory = false)
    {
        var reason = problem.StatusCode switch
        {
            503 when problem.Details.Extensions["code"] as string == ProblemTypes.ChatNotConfigured.Code => AssistantView.NotConfigured,
            502 => "The assistant's model failed to answer. Please try again.",
            504 => "The assistant's model did not answer in time. Please try again.",
            401 => SignInToAsk,
            429 => $"You have asked many questions in a short time. You can ask again in {problem.RetryAfterSeconds} seconds.",
            400 when problem.Errors is { Count: > 0 } errors => string.Join(" ", errors.Values.SelectMany(m => m).Select(Sentence)),
            _ => PredictPageFunction.Reason(problem),
        };
        return hadHistory ? reason + " Your browser's Back button returns to the conversation." : reason;
    }

    /// <summary>A saved result asked about by someone not signed in (the route's own detail is for developers).</summary>
    public const string SignInToAsk = "Sign in to ask about a saved result: the assistant reads it from your history, which only you can see.";

    private static string Sentence(string message) => message.Length > 0 ? char.ToUpperInvariant(message[0]) + message[1..] : message;
}
