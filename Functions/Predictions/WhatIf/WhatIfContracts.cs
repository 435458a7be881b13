global using WhatIfHttpResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<HealthOracle.Functions.Predictions.WhatIf.WhatIfResponse>,
    HealthOracle.Functions.Infrastructure.Problem>;

using System.Text.Json;
using System.Text.Json.Serialization;
using HealthOracle.Diseases;

namespace HealthOracle.Functions.Predictions.WhatIf;

/// <summary>
/// <c>POST /api/predict/{disease}/what-if</c>: the patient's estimate, the same patient's with the changes, and the
/// difference, both scored in one run of the same model version.
/// </summary>
internal sealed record WhatIfResponse(
    string Disease,
    WhatIfEstimate Before,
    WhatIfEstimate After,
    double Difference,
    IReadOnlyList<WhatIfChange> Changes,
    ModelInfo Model,
    string Note,
    string Disclaimer);

/// <summary>One estimate: as in a prediction's answer.</summary>
internal sealed record WhatIfEstimate(double Probability, double RiskPercentage, RiskCategory Category, IReadOnlyDictionary<string, double?> Inputs);

/// <summary>One changed field: its value before and after (null: not given).</summary>
internal sealed record WhatIfChange(string Field, string Label, double? From, double? To);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(WhatIfResponse))]
internal sealed partial class WhatIfJsonContext : JsonSerializerContext;
