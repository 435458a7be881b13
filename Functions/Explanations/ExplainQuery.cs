using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// <c>?explain=false</c> opts a prediction out of its baseline, factors and what-if answers (the fast path of
/// before they existed); <c>true</c> or no parameter keeps them. Anything else is a 400 naming the parameter.
/// </summary>
internal static class ExplainQuery
{
    public const string Name = "explain";

    public static bool TryRead(HttpRequest request, out bool explain, out Problem? problem)
    {
        explain = true;
        problem = null;
        if (!request.Query.TryGetValue(Name, out var values))
        {
            return true;
        }

        if (values.Count == 1 && bool.TryParse(values[0], out explain))
        {
            return true;
        }

        explain = true;
        problem = Problems.Invalid("Invalid query", "The query parameter explain must be true or false.",
            new Dictionary<string, string[]> { [Name] = ["must be true or false (once)."] });
        return false;
    }
}
