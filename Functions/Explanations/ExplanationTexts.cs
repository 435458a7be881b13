namespace HealthOracle.Functions.Explanations;

/// <summary>The words every explanation carries (docs/explanations.md explains them).</summary>
internal static class ExplanationTexts
{
    public const string Factors =
        "Each factor is how many percentage points one value moves this estimate away from the baseline, the model's estimate for a reference " +
        "patient (the training data's typical values). They are exact Shapley values of this model and add up to the difference between the " +
        "estimate and the baseline. They describe associations in a statistical model, not causes, and they are not a diagnosis.";

    public const string WhatIf =
        "A what-if is this model's estimate with one value changed and the others held. It shows an association in a statistical model, " +
        "not what a treatment or a change of habit would do for you; talk to a doctor before changing a treatment.";
}
