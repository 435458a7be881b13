using HealthOracle.Diseases;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// The prior-shift correction of a model's intercept (Saerens, Latinne &amp; Decaestecker, Neural Computation
/// 2002; Elkan, IJCAI 2001): a model calibrated on a sample in which a share π of the rows have the disease
/// gives, for a population in which a share π′ have it, log-odds raised by logit π′ − logit π, the same for
/// every patient. Discrimination (ROC AUC) is unchanged; the probabilities refer to the new population.
/// </summary>
internal static class PriorShift
{
    /// <summary>The log-odds to add: zero unless the population asks for the correction.</summary>
    public static double For(Population population, double samplePrevalence)
    {
        var prevalence = population.Prevalence
            ?? throw new InvalidDataException("Every disease states the prevalence its percentages refer to.");
        if (population.CorrectToPrevalence)
        {
            return LogOdds(prevalence) - LogOdds(samplePrevalence);
        }

        // Not corrected: the stated prevalence must be the sample's own, or the answers would say something false.
        return Math.Abs(prevalence - samplePrevalence) <= 0.001
            ? 0
            : throw new InvalidDataException($"The population's prevalence {prevalence:0.###} is not the sample's {samplePrevalence:0.###}, and no correction is asked for.");
    }

    public static double LogOdds(double p) => Math.Log(p / (1 - p));

    /// <summary>A probability with its log-odds shifted.</summary>
    public static double Apply(double p, double shift) =>
        shift == 0 ? p : 1 / (1 + Math.Exp(-(LogOdds(Math.Clamp(p, 1e-12, 1 - 1e-12)) + shift)));
}
