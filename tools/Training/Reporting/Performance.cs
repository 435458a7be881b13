using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using Stats = HealthOracle.Training.Modeling.Metrics;

namespace HealthOracle.Training.Reporting;

/// <summary>A figure with its 95% percentile bootstrap interval (NaN bounds when it cannot be computed).</summary>
internal sealed record Estimate(double Value, double Lower, double Upper);

/// <summary>Discrimination and calibration of pooled out-of-fold predictions, each with its 95% bootstrap interval (TRIPOD+AI item 23a).</summary>
internal sealed record PerformanceReport(int Rows, int Events, Estimate RocAuc, Estimate Brier, Estimate CalibrationSlope, Estimate CalibrationIntercept);

/// <summary>One subgroup's figures, or why there are none.</summary>
internal sealed record SubgroupReport(string By, string Group, int Rows, int Events, PerformanceReport? Performance, string? Note);

/// <summary>Net benefit at one threshold probability: the model's, treating everyone's, and treating no one's (0).</summary>
internal sealed record DecisionPoint(double Threshold, double Model, double TreatAll);

/// <summary>
/// The TRIPOD+AI performance figures of a model's pooled out-of-fold predictions: ROC AUC, Brier score, calibration slope and
/// intercept with 95% percentile bootstrap intervals (the predictions resampled by patient, 1,000 times, seeded), the same
/// by sex and age band where there are enough patients and events, and the decision curve (Vickers &amp; Elkin, Med Decis
/// Making 2006) over 5–60% thresholds.
/// </summary>
internal static class Performance
{
    public const int Resamples = 1000;

    /// <summary>A subgroup's figures need at least this many patients with and without the disease.</summary>
    public const int MinimumEvents = 10;

    public static readonly (string Name, double From, double To)[] AgeBands = [("under 50", 0, 50), ("50–64", 50, 65), ("65 and over", 65, double.PositiveInfinity)];

    public static PerformanceReport Of(IReadOnlyList<double> p, IReadOnlyList<bool> y, int seed)
    {
        var random = new Random(seed);
        var samples = new double[4][];
        for (var m = 0; m < samples.Length; m++)
        {
            samples[m] = new double[Resamples];
        }

        var rp = new double[p.Count];
        var ry = new bool[p.Count];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < rp.Length; i++)
            {
                var k = random.Next(p.Count);
                rp[i] = p[k];
                ry[i] = y[k];
            }

            var events = ry.Count(v => v);
            var both = events > 0 && events < ry.Length;
            samples[0][r] = both ? Stats.RocAuc(rp, ry) : double.NaN;
            samples[1][r] = Stats.Brier(rp, ry);
            var (slope, intercept) = both ? Stats.Calibration(rp, ry) : (double.NaN, double.NaN);
            samples[2][r] = slope;
            samples[3][r] = intercept;
        }

        var (fullSlope, fullIntercept) = Stats.Calibration(p, y);
        return new PerformanceReport(
            p.Count,
            y.Count(v => v),
            With(Stats.RocAuc(p, y), samples[0]),
            With(Stats.Brier(p, y), samples[1]),
            With(fullSlope, samples[2]),
            With(fullIntercept, samples[3]));
    }

    /// <summary>The figures by sex (when the definition has a sex field the data record) and by age band.</summary>
    public static IReadOnlyList<SubgroupReport> Subgroups(PatientTable table, IReadOnlyList<double> p, int seed)
    {
        var disease = table.Disease;
        var groups = new List<SubgroupReport>();
        if (SexField(disease) is { } sex)
        {
            var index = disease.IndexOf(sex.Name);
            if (table.Rows.All(r => float.IsNaN(r[index])))
            {
                groups.Add(new SubgroupReport("sex", "either", table.Count, table.Positives, null, "the training data do not record sex, so no figures by sex can be given"));
            }
            else
            {
                foreach (var code in sex.Codes!)
                {
                    groups.Add(Subgroup("sex", code.Label, table, p, r => r[index] == code.Value, seed));
                }
            }
        }
        else
        {
            groups.Add(new SubgroupReport("sex", "either", table.Count, table.Positives, null, $"sex is not an input and the data do not record it ({disease.Population.Description})"));
        }

        if (disease.Find("age") is not null)
        {
            var age = disease.IndexOf("age");
            foreach (var (name, from, to) in AgeBands)
            {
                groups.Add(Subgroup("age", name, table, p, r => r[age] >= from && r[age] < to, seed));
            }
        }

        return groups;
    }

    /// <summary>
    /// Net benefit at thresholds 5%, 6% … 60%: (true positives − false positives · t/(1 − t)) / n. With
    /// <paramref name="prevalence"/> (a case-control sample shifted to a population), patients with and without the disease
    /// are weighted so that they make up that population (π′/π and (1 − π′)/(1 − π)), and the probabilities are the served,
    /// shifted ones: the curve is then the population's, not the sample's.
    /// </summary>
    public static IReadOnlyList<DecisionPoint> DecisionCurve(IReadOnlyList<double> p, IReadOnlyList<bool> y, double? prevalence = null)
    {
        var sample = (double)y.Count(v => v) / y.Count;
        var target = prevalence ?? sample;
        double positiveWeight = target / sample, negativeWeight = (1 - target) / (1 - sample);
        var total = (y.Count(v => v) * positiveWeight) + (y.Count(v => !v) * negativeWeight);
        var points = new List<DecisionPoint>();
        for (var percent = 5; percent <= 60; percent++)
        {
            var t = percent / 100.0;
            var odds = t / (1 - t);
            double truePositives = 0, falsePositives = 0;
            for (var i = 0; i < p.Count; i++)
            {
                if (p[i] >= t)
                {
                    if (y[i])
                    {
                        truePositives += positiveWeight;
                    }
                    else
                    {
                        falsePositives += negativeWeight;
                    }
                }
            }

            points.Add(new DecisionPoint(t, (truePositives - (falsePositives * odds)) / total, target - ((1 - target) * odds)));
        }

        return points;
    }

    /// <summary>The definition's sex field (a coded field named sex or gender), or null.</summary>
    public static FieldDefinition? SexField(DiseaseDefinition disease) =>
        disease.Fields.FirstOrDefault(f => f.Name is "sex" or "gender" && f.Codes is { Count: 2 });

    private static SubgroupReport Subgroup(string by, string name, PatientTable table, IReadOnlyList<double> p, Func<float[], bool> member, int seed)
    {
        var rows = Enumerable.Range(0, table.Count).Where(i => member(table.Rows[i])).ToArray();
        var events = rows.Count(i => table.Labels[i]);
        if (events < MinimumEvents || rows.Length - events < MinimumEvents)
        {
            return new SubgroupReport(by, name, rows.Length, events, null,
                $"too few patients with and without the disease (at least {MinimumEvents} of each are needed) for figures that mean anything");
        }

        return new SubgroupReport(by, name, rows.Length, events, Of([.. rows.Select(i => p[i])], [.. rows.Select(i => table.Labels[i])], seed), null);
    }

    private static Estimate With(double value, double[] samples)
    {
        var finite = samples.Where(double.IsFinite).Order().ToArray();
        if (finite.Length < samples.Length * 0.9)
        {
            return new Estimate(value, double.NaN, double.NaN);
        }

        return new Estimate(value, Quantile(finite, 0.025), Quantile(finite, 0.975));
    }

    // The type-7 quantile (linear between order statistics), as R's and NumPy's default.
    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }
}
