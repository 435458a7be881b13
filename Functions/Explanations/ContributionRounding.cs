namespace HealthOracle.Functions.Explanations;

/// <summary>
/// Rounds contributions to 0.01 percentage points so that the published figures add up exactly to the published
/// difference (riskPercentage − baseline, each already rounded to 0.01): each is rounded to the nearest hundredth,
/// and the few hundredths the rounding lost or gained go, one at a time, to the contribution whose rounding moved it
/// most the other way. An exact zero (an input the model gives no weight, or one equal to the reference) stays zero.
/// </summary>
internal static class ContributionRounding
{
    public static double[] Round(ReadOnlySpan<double> percentagePoints, double totalPercentagePoints)
    {
        var n = percentagePoints.Length;
        var hundredths = new long[n];
        var error = new double[n];
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var scaled = percentagePoints[i] * 100;
            hundredths[i] = (long)Math.Round(scaled, MidpointRounding.AwayFromZero);
            error[i] = scaled - hundredths[i];
            sum += hundredths[i];
        }

        var missing = (long)Math.Round(totalPercentagePoints * 100, MidpointRounding.AwayFromZero) - sum;
        while (missing != 0)
        {
            var step = Math.Sign(missing);
            var best = -1;
            for (var i = 0; i < n; i++)
            {
                if (percentagePoints[i] != 0 && (best < 0 || step * error[i] > step * error[best]))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            hundredths[best] += step;
            error[best] -= step;
            missing -= step;
        }

        var rounded = new double[n];
        for (var i = 0; i < n; i++)
        {
            rounded[i] = hundredths[i] / 100.0;
        }

        return rounded;
    }
}
