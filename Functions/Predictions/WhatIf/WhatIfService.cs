using HealthOracle.Diseases;
using HealthOracle.Functions.Explanations;

namespace HealthOracle.Functions.Predictions.WhatIf;

/// <summary>Scores a patient and the same patient with some values changed, in one run of one model version, and compares them.</summary>
internal sealed class WhatIfService(PredictionService predictions)
{
    public async ValueTask<WhatIfResponse> AnswerAsync(DiseaseDefinition disease, WhatIfQuestion question, CancellationToken cancellationToken)
    {
        var results = await predictions.PredictAsync(disease, question.Pair, explain: false, cancellationToken);
        var (before, after) = (results[0], results[1]);
        var changes = Enumerable.Range(0, disease.Fields.Count)
            .Where(f => (question.Changed & (1UL << f)) != 0)
            .Select(f => new WhatIfChange(disease.Fields[f].Name, disease.Fields[f].Label, Given(question.Pair.Value(0, f)), Given(question.Pair.Value(1, f))))
            .ToArray();
        return new WhatIfResponse(
            disease.Key,
            Estimate(before),
            Estimate(after),
            Math.Round(after.RiskPercentage - before.RiskPercentage, 2, MidpointRounding.AwayFromZero),
            changes,
            before.Model,
            ExplanationTexts.WhatIf,
            Disclaimers.NotADiagnosis);
    }

    private static WhatIfEstimate Estimate(PredictionResult result) => new(result.Probability, result.RiskPercentage, result.Category, result.Inputs);

    private static double? Given(double value) => double.IsNaN(value) ? null : value;
}
