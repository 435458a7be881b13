using HealthOracle.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>What a caller may ask of a prediction in its query: leave out the explanation, keep it out of a history.</summary>
/// <param name="Explain"><c>?explain=false</c> leaves out the baseline, factors and what-if answers (the fast path).</param>
/// <param name="Save"><c>?save=false</c>: a signed-in caller's prediction is not kept in their history.</param>
internal sealed record PredictionOptions(bool Explain = true, bool Save = true)
{
    public const string ExplainParameter = "explain";
    public const string SaveParameter = "save";

    /// <summary>The options, or a 400 naming the parameter whose value is not true or false (given once).</summary>
    public static (PredictionOptions? Options, Problem? Problem) Read(HttpRequest request)
    {
        var explain = Flag(request, ExplainParameter);
        var save = Flag(request, SaveParameter);
        return (explain, save) switch
        {
            (null, _) => (null, Problems.InvalidQuery(ExplainParameter, "must be true or false (once).")),
            (_, null) => (null, Problems.InvalidQuery(SaveParameter, "must be true or false (once).")),
            _ => (new PredictionOptions(explain.Value, save.Value), null),
        };
    }

    /// <summary>True when absent; the value when it is true or false (or 1 or 0) once; null otherwise.</summary>
    private static bool? Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        return values.Count != 1 ? null : values[0]?.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
    }
}
