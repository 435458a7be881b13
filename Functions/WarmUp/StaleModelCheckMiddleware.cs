using HealthOracle.Functions.Predictions.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace HealthOracle.Functions.WarmUp;

/// <summary>
/// Runs <see cref="StaleModelCheck"/> after each prediction function, so that the prediction code knows
/// nothing of warm-up and the request is answered before any refresh could matter to it.
/// </summary>
internal sealed class StaleModelCheckMiddleware(StaleModelCheck check) : IFunctionsWorkerMiddleware
{
    public static bool IsPrediction(FunctionContext context) => PredictionFunctionName.TryGetDisease(context.FunctionDefinition.Name, out _);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await next(context);
        if (PredictionFunctionName.TryGetDisease(context.FunctionDefinition.Name, out var disease))
        {
            // Not awaited: the check starts at most one background refresh, and its task never faults.
            _ = check.RefreshIfStale(disease);
        }
    }
}
