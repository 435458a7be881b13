using HealthOracle.Diseases.Manifest;

namespace HealthOracle.Functions.Models;

/// <summary>
/// An estimate's 95% interval: the probabilities (and percentages) that the model's own data are consistent with, given
/// how few patients it learned from. Rounded outwards (the lower bound down, the upper up) so that it never looks
/// narrower than it is, and always containing the estimate. It is the model's estimation uncertainty only: not the
/// error of applying it to people unlike those it learned from, nor of a wrong measurement.
/// </summary>
/// <param name="Level">The nominal coverage, 0.95.</param>
/// <param name="Lower">The lower bound, a probability (0–1, 4 decimals).</param>
/// <param name="Upper">The upper bound, a probability (0–1, 4 decimals).</param>
/// <param name="LowerPercentage">The lower bound in percent (2 decimals).</param>
/// <param name="UpperPercentage">The upper bound in percent (2 decimals).</param>
internal sealed record RiskInterval(double Level, double Lower, double Upper, double LowerPercentage, double UpperPercentage);

/// <summary>
/// Computes each estimate's 95% interval from the manifest's <see cref="IntervalInfo"/> and the two extra outputs of the
/// same ONNX run: the log-odds η and the patient's terms t (NaN where a value was not given). The model's log-odds are
/// linear in z = (1, tⱼ − cⱼ or 0 when missing, then 1 for each missing term that has its own coefficient), and the
/// manifest's Σ is the bootstrap covariance of those coefficients, so the interval is σ(η ± Z·√(zᵀΣz)) (models/README.md).
/// About (1 + 2k)² multiply-adds and two exponentials per patient, k the number of terms (at most 13).
/// </summary>
internal sealed class RiskIntervals
{
    private readonly double _level;
    private readonly double _z;
    private readonly double[] _centers;
    private readonly int[] _missingSlot;
    private readonly double[] _covariance;
    private readonly int _size;

    private RiskIntervals(IntervalInfo info)
    {
        _level = info.Level;
        _z = info.Z;
        _centers = [.. info.Centers];
        _missingSlot = [.. info.Terms.Select(t => Index(info.Missing, t))];
        _size = info.Covariance.Count;
        _covariance = [.. info.Covariance.SelectMany(row => row)];
    }

    /// <summary>The number of terms the graph's terms output has per patient.</summary>
    public int Terms => _centers.Length;

    /// <summary>The calculator for a manifest's interval, or null with the problem when the manifest's description does not hold together.</summary>
    public static RiskIntervals? From(IntervalInfo info, out string? problem)
    {
        problem = Problem(info);
        return problem is null ? new RiskIntervals(info) : null;
    }

    /// <summary>What is wrong with a manifest's interval description (sizes, finite numbers, a positive level), or null.</summary>
    public static string? Problem(IntervalInfo info)
    {
        if (info.Terms is not { Count: > 0 } terms || info.Centers is null || info.Centers.Count != terms.Count)
        {
            return "the interval's terms and centres do not match";
        }

        if (info.Missing is null || info.Missing.Any(m => !terms.Contains(m)) || info.Missing.Distinct().Count() != info.Missing.Count)
        {
            return "the interval names a missing-value term that is not one of its terms";
        }

        var size = 1 + terms.Count + info.Missing.Count;
        if (info.Covariance is null || info.Covariance.Count != size || info.Covariance.Any(row => row is null || row.Count != size || row.Any(v => !double.IsFinite(v))))
        {
            return $"the interval's covariance is not a {size}×{size} matrix of finite numbers";
        }

        if (string.IsNullOrEmpty(info.TermsOutput) || !(info.Z > 0 && double.IsFinite(info.Z)) || !(info.Level is > 0 and < 1) || info.Centers.Any(c => !double.IsFinite(c)))
        {
            return "the interval's output, level or quantile is not valid";
        }

        return null;
    }

    /// <summary>The interval around <paramref name="probability"/> (the graph's) from its log-odds and the patient's terms.</summary>
    public RiskInterval Of(double probability, double logOdds, ReadOnlySpan<float> terms)
    {
        Span<double> z = stackalloc double[_size];
        z.Clear();
        z[0] = 1;
        var k = _centers.Length;
        for (var j = 0; j < k; j++)
        {
            var term = terms[j];
            if (!float.IsNaN(term))
            {
                z[1 + j] = term - _centers[j];
            }
            else if (_missingSlot[j] >= 0)
            {
                z[1 + k + _missingSlot[j]] = 1;
            }
        }

        var variance = 0.0;
        for (var i = 0; i < _size; i++)
        {
            if (z[i] == 0)
            {
                continue;
            }

            var row = _covariance.AsSpan(i * _size, _size);
            var sum = 0.0;
            for (var j = 0; j < _size; j++)
            {
                sum += row[j] * z[j];
            }

            variance += z[i] * sum;
        }

        var half = _z * Math.Sqrt(Math.Max(0, variance));
        // Rounded outwards, and never excluding the estimate it is the interval of (which the graph computed in float32).
        var lower = Math.Min(Sigmoid(logOdds - half), probability);
        var upper = Math.Max(Sigmoid(logOdds + half), probability);
        return new RiskInterval(
            _level,
            Math.Floor(lower * 1e4) / 1e4,
            Math.Ceiling(upper * 1e4) / 1e4,
            Math.Floor(lower * 1e4) / 1e2,
            Math.Ceiling(upper * 1e4) / 1e2);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static int Index(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
