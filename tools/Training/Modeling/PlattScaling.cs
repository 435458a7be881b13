namespace HealthOracle.Training.Modeling;

/// <summary>
/// Platt scaling, p = 1 / (1 + exp(A·s + B)), in ML.NET's sign convention, fitted by Newton's method
/// on Platt's smoothed targets (Lin, Lin &amp; Weng 2007), which keeps A and B finite on separable scores.
/// </summary>
internal readonly record struct PlattScaling(double A, double B)
{
    public double Apply(double score) => 1 / (1 + Math.Exp(A * score + B));

    /// <summary>The same scaling with <paramref name="logOdds"/> added to every prediction's log-odds (a prior shift).</summary>
    public PlattScaling Shifted(double logOdds) => this with { B = B - logOdds };

    public static PlattScaling Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double a = 0, b = Math.Log((negatives + 1.0) / (positives + 1.0));
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var t = labels[i] ? hi : lo;
                var p = 1 / (1 + Math.Exp(a * scores[i] + b));
                var d = p * (1 - p);
                // Gradient and Hessian of the log loss in (a, b).
                g1 += scores[i] * (t - p);
                g2 += t - p;
                h11 += scores[i] * scores[i] * d;
                h22 += d;
                h21 += scores[i] * d;
            }

            var det = h11 * h22 - h21 * h21;
            var da = -(h22 * g1 - h21 * g2) / det;
            var db = -(-h21 * g1 + h11 * g2) / det;
            a += da;
            b += db;
            if (Math.Abs(da) < 1e-10 && Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return new PlattScaling(a, b);
    }
}
