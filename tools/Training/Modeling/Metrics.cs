namespace HealthOracle.Training.Modeling;

/// <summary>Discrimination and calibration measures of predicted probabilities against outcomes.</summary>
internal static class Metrics
{
    /// <summary>ROC AUC as the Mann–Whitney statistic (ties count one half).</summary>
    public static double RocAuc(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var order = Enumerable.Range(0, p.Count).OrderBy(i => p[i]).ToArray();
        var ranks = new double[p.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && p[order[end + 1]] == p[order[start]])
            {
                end++;
            }

            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }

            start = end + 1;
        }

        double positives = y.Count(v => v), negatives = y.Count - positives;
        var rankSum = Enumerable.Range(0, p.Count).Where(i => y[i]).Sum(i => ranks[i]);
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static double Brier(IReadOnlyList<double> p, IReadOnlyList<bool> y) =>
        Enumerable.Range(0, p.Count).Average(i => Math.Pow(p[i] - (y[i] ? 1 : 0), 2));

    /// <summary>
    /// Calibration slope (β in logit P(y) = α + β·logit p) and intercept (calibration-in-the-large:
    /// α in logit P(y) = α + logit p, the slope held at 1), as in Van Calster et al. (2019).
    /// </summary>
    public static (double Slope, double Intercept) Calibration(IReadOnlyList<double> p, IReadOnlyList<bool> y)
    {
        var logits = p.Select(v => Math.Clamp(v, 1e-9, 1 - 1e-9)).Select(v => Math.Log(v / (1 - v))).ToArray();
        var slope = LogisticFit(logits, y, fitSlope: true).Slope;
        var intercept = LogisticFit(logits, y, fitSlope: false).Intercept;
        return (slope, intercept);
    }

    /// <summary>Sensitivity and specificity when p ≥ threshold (or p &gt; threshold) counts as positive.</summary>
    public static (double Sensitivity, double Specificity) At(IReadOnlyList<double> p, IReadOnlyList<bool> y, Func<double, bool> positive)
    {
        double tp = 0, fn = 0, tn = 0, fp = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var predicted = positive(p[i]);
            if (y[i])
            {
                (tp, fn) = predicted ? (tp + 1, fn) : (tp, fn + 1);
            }
            else
            {
                (tn, fp) = predicted ? (tn, fp + 1) : (tn + 1, fp);
            }
        }

        return (tp / (tp + fn), tn / (tn + fp));
    }

    public static (double Mean, double Sd) MeanSd(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return (mean, sd);
    }

    // Logistic regression of y on (1, x) by Newton's method, or on 1 with x as an offset.
    private static (double Intercept, double Slope) LogisticFit(double[] x, IReadOnlyList<bool> y, bool fitSlope)
    {
        double a = 0, b = 1;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-12, hbb = 1e-12, hab = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a + b * x[i])));
                var r = (y[i] ? 1 : 0) - p;
                var w = p * (1 - p);
                ga += r;
                gb += r * x[i];
                haa += w;
                hbb += w * x[i] * x[i];
                hab += w * x[i];
            }

            double da, db;
            if (fitSlope)
            {
                var det = haa * hbb - hab * hab;
                da = (hbb * ga - hab * gb) / det;
                db = (haa * gb - hab * ga) / det;
            }
            else
            {
                da = ga / haa;
                db = 0;
            }

            a += da;
            b += db;
            if (Math.Abs(da) < 1e-10 && Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return (a, b);
    }
}
