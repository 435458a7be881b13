using HealthOracle.Diseases;
using HealthOracle.Functions.Infrastructure;
using HealthOracle.Functions.Infrastructure.Bodies;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Predictions.WhatIf;

/// <summary>POST: one patient and some changed values → both estimates and the difference (any disease).</summary>
internal sealed class WhatIfFunction(WhatIfService whatIf, ILogger<WhatIfFunction> logger)
{
    public const string Name = "WhatIf";

    [Function(Name)]
    public async Task<WhatIfHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "predict/{disease:alpha}/what-if")] HttpRequest request,
        string disease,
        CancellationToken cancellationToken)
    {
        if (!DiseaseCatalog.TryGet(disease, out var definition))
        {
            return Problems.UnknownDisease($"There is no disease '{JsonText.Echo(disease)}'. Diseases: {string.Join(", ", DiseaseCatalog.Keys)}.");
        }

        var (question, problem) = await WhatIfReader.ReadAsync(definition, request, cancellationToken);
        if (problem is not null)
        {
            Log.WhatIfRejected(logger, definition.Key, problem.StatusCode, problem.Errors?.Count ?? 0);
            return problem;
        }

        return TypedResults.Json(await whatIf.AnswerAsync(definition, question!, cancellationToken), WhatIfJsonContext.Default.WhatIfResponse);
    }
}
