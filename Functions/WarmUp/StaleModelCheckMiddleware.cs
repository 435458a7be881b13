using System.Collections.Frozen;
using HealthOracle.Functions.Predictions.Functions;
using HealthOracle.Functions.Predictions.Schema;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Runs <see cref="StaleModelCheck"/> after each prediction function, so that the prediction code knows
/// nothing of warm-up and the request is answered before any refresh could matter to it.
/// </summary>
internal sealed class StaleModelCheckMiddleware(StaleModelCheck check) : IFunctionsWorkerMiddleware
{
    private static readonly FrozenDictionary<string, string> DiseaseOf = new Dictionary<string, string>
    {
        [HeartPredictionFunction.Name] = DiseaseSchemas.Heart,
        [DiabetesPredictionFunction.Name] = DiseaseSchemas.Diabetes,
        [LiverPredictionFunction.Name] = DiseaseSchemas.Liver,
        [LungPredictionFunction.Name] = DiseaseSchemas.Lung,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsPrediction(FunctionContext context) => DiseaseOf.ContainsKey(context.FunctionDefinition.Name);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (DiseaseOf.TryGetValue(context.FunctionDefinition.Name, out var disease))
        {
            // Not awaited: the check starts at most one background refresh, and its task never faults.
            _ = check.RefreshIfStale(disease);
        }
    }
}
