namespace HealthOracle.Training.Uncertainty;

/// <summary>
/// A model's coefficients on the design vector, read off by least squares from its log-odds on probe rows. The model
/// is exactly linear in the design (<see cref="IntervalDesign"/>), so the fit must reproduce every log-odds to float
/// precision: a larger residual means the claim is wrong, and training stops.
/// </summary>
internal static class LinearCoefficients
{
    /// <summary>The largest residual accepted, in log-odds, beyond float32 rounding of the scores.</summary>
    public const double Tolerance = 1e-3;

    public static double[] Fit(IReadOnlyList<double[]> design, IReadOnlyList<double> logOdds)
    {
        var p = design[0].Length;
        var normal = new double[p, p];
        var right = new double[p];
        for (var r = 0; r < design.Count; r++)
        {
            var z = design[r];
            for (var i = 0; i < p; i++)
            {
                if (z[i] == 0)
                {
                    continue;
                }

                right[i] += z[i] * logOdds[r];
                for (var j = 0; j < p; j++)
                {
                    normal[i, j] += z[i] * z[j];
                }
            }
        }

        var theta = Solve(normal, right);
        var worst = 0.0;
        for (var r = 0; r < design.Count; r++)
        {
            var fitted = 0.0;
            for (var i = 0; i < p; i++)
            {
                fitted += design[r][i] * theta[i];
            }

            worst = Math.Max(worst, Math.Abs(fitted - logOdds[r]) / Math.Max(1, Math.Abs(logOdds[r])));
        }

        return worst <= Tolerance
            ? theta
            : throw new InvalidDataException($"The model's log-odds are not linear in its terms (largest residual {worst:G3}): its interval cannot be computed from a covariance.");
    }

    /// <summary>Solves A·x = b for a symmetric positive definite A by Cholesky; throws when A is singular.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 1e-12 * Math.Max(1, Math.Abs(a[i, i]))))
                    {
                        throw new InvalidDataException($"The design is singular at column {i}: a term that never varies on the probe rows.");
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * y[k];
            }

            y[i] = sum / l[i, i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * x[k];
            }

            x[i] = sum / l[i, i];
        }

        return x;
    }
}
