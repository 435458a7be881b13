using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// Who the answering model learned from and what its percentage is relative to: from the model's manifest entry
/// (the served version's own facts).
/// </summary>
/// <param name="Description">The people in the training data.</param>
/// <param name="RelativeTo">What the percentage is relative to, in one sentence.</param>
/// <param name="Prevalence">The prevalence the percentage refers to (0–1), or null when the manifest does not say.</param>
/// <param name="PrevalenceSource">Where that prevalence comes from.</param>
/// <param name="SamplePrevalence">The share of the training sample with the disease, or null when the manifest does not say.</param>
/// <param name="Corrected">True when the model's intercept was corrected from the sample's prevalence to <paramref name="Prevalence"/>.</param>
internal sealed record PopulationSummary(string Description, string RelativeTo, double? Prevalence, string? PrevalenceSource, double? SamplePrevalence, bool Corrected)
{
    public static PopulationSummary Of(PopulationInfo population) => new(
        population.Description, population.RelativeTo, population.Prevalence, population.PrevalenceSource, Math.Round(population.SamplePrevalence, 4), population.PriorShift != 0);
}
