using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Idempotency;
using Microsoft.AspNetCore.Http;

namespace HealthOracle.Functions.Predictions.Requests;

/// <summary>
/// What a caller may ask of a prediction besides its body: leave out the explanation, keep it out of a history, and save
/// it at most once however often it is retried (<c>Idempotency-Key</c>).
/// </summary>
/// <param name="Explain"><c>?explain=false</c> leaves out the baseline, factors and what-if answers (the fast path).</param>
/// <param name="Save"><c>?save=false</c>: a signed-in caller's prediction is not kept in their history.</param>
internal sealed record PredictionOptions(bool Explain = true, bool Save = true)
{
    /// <summary>The request's <c>Idempotency-Key</c>, or null: honoured where the prediction is saved (People).</summary>
    public IdempotencyKey? IdempotencyKey { get; init; }

    public const string ExplainParameter = "explain";
    public const string SaveParameter = "save";

    /// <summary>The options, or a 400 naming the parameter whose value is not true or false (given once), or the header that is not a key.</summary>
    public static (PredictionOptions? Options, Problem? Problem) Read(HttpRequest request)
    {
        var explain = Flag(request, ExplainParameter);
        var save = Flag(request, SaveParameter);
        var (key, invalidKey) = IdempotencyKey.Read(request);
        return (explain, save) switch
        {
            (null, _) => (null, Problems.InvalidQuery(ExplainParameter, "must be true or false (once).")),
            (_, null) => (null, Problems.InvalidQuery(SaveParameter, "must be true or false (once).")),
            _ when invalidKey is not null => (null, invalidKey),
            _ => (new PredictionOptions(explain.Value, save.Value) { IdempotencyKey = key }, null),
        };
    }

    /// <summary>True when absent; the value when it is <c>true</c> or <c>false</c> once (a boolean as OpenAPI writes it); null otherwise.</summary>
    private static bool? Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return true;
        }

        return values.Count != 1 ? null : values[0] switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
    }
}
