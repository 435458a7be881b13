using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HealthOracle.Functions.Explanations;

/// <summary>POST: one patient and some changed values → both estimates and the difference (any disease).</summary>
internal sealed class WhatIfFunction(WhatIfService service)
{
    public const string Name = "WhatIf";

    [Function(Name)]
    public Task<WhatIfHttpResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "predict/{disease:alpha}/what-if")] HttpRequest request,
        string disease,
        CancellationToken cancellationToken) =>
        service.HandleAsync(disease, request, cancellationToken);
}
