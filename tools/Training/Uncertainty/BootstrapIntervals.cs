using HealthOracle.Diseases;
using HealthOracle.Diseases.Manifest;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;

namespace HealthOracle.Training.Uncertainty;

/// <summary>What the bootstrap found: the covariance of the coefficients, the served model's own, and the measured coverage.</summary>
internal sealed record IntervalEstimate(IntervalDesign Design, double[] Served, double[,] Covariance, int Replicates, IntervalCoverage Coverage)
{
    /// <summary>The standard normal quantile of 0.975.</summary>
    public const double Z = 1.959963984540054;

    public const double Level = 0.95;

    /// <summary>The stated 95% interval (probabilities) around a log-odds, for a raw row.</summary>
    public (double Lower, double Upper) Interval(double logOdds, ReadOnlySpan<float> row)
    {
        var se = Math.Sqrt(IntervalDesign.Variance(Design.Row(row), Covariance));
        return (Sigmoid(logOdds - (Z * se)), Sigmoid(logOdds + (Z * se)));
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}

/// <summary>
/// The served model's estimation uncertainty, by bootstrap of the whole training pipeline (Efron &amp; Tibshirani 1993;
/// the approach TRIPOD+AI and Steyerberg's Clinical Prediction Models recommend for internal validation): each replicate
/// draws the rows with replacement, computes the terms and their population-weighted imputation, standardises, fits the
/// candidate with its direction constraints and its L2 penalty (held at the value chosen on all rows), Platt-calibrates
/// it on its own out-of-fold scores (every copy of a row in the same fold, so that no row is scored by a model that saw
/// it) and shifts it to the population's prevalence from its own sample's. Each replicate's log-odds are linear in the
/// design vector (<see cref="IntervalDesign"/>); the covariance is the mean of (θ_b − θ̂)(θ_b − θ̂)ᵀ about the served
/// model's θ̂, so that a replicate that sits to one side widens the interval rather than being averaged away.
/// Validation: fresh replicates, drawn with other seeds, score the patients they did not draw, and the share of those
/// estimates inside the served model's stated interval is the measured coverage.
/// </summary>
internal sealed class BootstrapIntervals(int folds, int seed, int threads)
{
    public IntervalEstimate Estimate(
        PatientTable table, Candidate setting, ITransformer served, PlattScaling servedPlatt, bool synthetic, int replicates, int validationReplicates,
        Action<int, int>? report = null)
    {
        var disease = table.Disease;
        var terms = Trainer.Terms(served);
        var design = new IntervalDesign(terms.Shape, terms.Imputation, table);
        var probes = design.Probes(table);
        var probeDesign = probes.Rows.Select(r => design.Row(r)).ToArray();
        var servedTheta = LinearCoefficients.Fit(probeDesign, LogOdds(served, servedPlatt, probes));

        var done = 0;
        var total = replicates + validationReplicates;
        var thetas = new double[replicates][];
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var (model, platt, _) = Replicate(table, setting, synthetic, b);
            thetas[b] = LinearCoefficients.Fit(probeDesign, LogOdds(model, platt, probes));
            report?.Invoke(Interlocked.Increment(ref done), total);
        });

        var p = design.Size;
        var covariance = new double[p, p];
        foreach (var theta in thetas)
        {
            for (var i = 0; i < p; i++)
            {
                for (var j = 0; j < p; j++)
                {
                    covariance[i, j] += (theta[i] - servedTheta[i]) * (theta[j] - servedTheta[j]) / replicates;
                }
            }
        }

        var servedLogOdds = LogOdds(served, servedPlatt, table);
        var halfWidths = table.Rows.Select(r => IntervalEstimate.Z * Math.Sqrt(IntervalDesign.Variance(design.Row(r), covariance))).ToArray();
        var covered = new int[validationReplicates];
        var scored = new int[validationReplicates];
        Parallel.For(0, validationReplicates, new ParallelOptions { MaxDegreeOfParallelism = threads }, v =>
        {
            var (model, platt, drawn) = Replicate(table, setting, synthetic, replicates + v);
            var outOfBag = Enumerable.Range(0, table.Count).Except(drawn).ToArray();
            var logOdds = LogOdds(model, platt, table.Subset(outOfBag));
            for (var k = 0; k < outOfBag.Length; k++)
            {
                var i = outOfBag[k];
                covered[v] += Math.Abs(logOdds[k] - servedLogOdds[i]) <= halfWidths[i] ? 1 : 0;
            }

            scored[v] = outOfBag.Length;
            report?.Invoke(Interlocked.Increment(ref done), total);
        });

        var predictions = scored.Sum();
        var coverage = new IntervalCoverage(validationReplicates, predictions, predictions == 0 ? double.NaN : (double)covered.Sum() / predictions);
        return new IntervalEstimate(design, servedTheta, covariance, replicates, coverage);
    }

    /// <summary>One replicate: the rows drawn (with repeats), the fitted pipeline and its calibration shifted to the population.</summary>
    private (ITransformer Model, PlattScaling Platt, int[] Drawn) Replicate(PatientTable table, Candidate setting, bool synthetic, int replicate)
    {
        var random = new Random(unchecked((seed * 1_000_003) + replicate + 1));
        var drawn = new int[table.Count];
        for (var i = 0; i < drawn.Length; i++)
        {
            drawn[i] = random.Next(table.Count);
        }

        var rows = table.Subset(drawn);
        var scores = OutOfFoldScores(table, drawn, setting);
        var platt = PlattScaling.Fit(scores, rows.Labels);
        var population = table.Disease.Population;
        var prevalence = (double)rows.Positives / rows.Count;
        var shift = synthetic || !population.CorrectToPrevalence ? 0 : PriorShift.LogOdds(population.Prevalence!.Value) - PriorShift.LogOdds(prevalence);
        return (Trainer.Fit(rows, setting, seed), platt.Shifted(shift), drawn);
    }

    /// <summary>Out-of-fold scores of the drawn rows, with every copy of an original row in the same (stratified) fold.</summary>
    private double[] OutOfFoldScores(PatientTable table, int[] drawn, Candidate setting)
    {
        var originals = drawn.Distinct().Order().ToArray();
        var assignment = StratifiedFolds.Assign([.. originals.Select(i => table.Labels[i])], folds, seed);
        var foldOf = new Dictionary<int, int>(originals.Length);
        for (var i = 0; i < originals.Length; i++)
        {
            foldOf[originals[i]] = assignment[i];
        }

        var scores = new double[drawn.Length];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, drawn.Length).Where(p => foldOf[drawn[p]] != fold).Select(p => drawn[p]).ToArray();
            var test = Enumerable.Range(0, drawn.Length).Where(p => foldOf[drawn[p]] == fold).ToArray();
            if (test.Length == 0)
            {
                continue;
            }

            var model = Trainer.Fit(table.Subset(train), setting, seed);
            var testScores = Trainer.Scores(model, table.Subset([.. test.Select(p => drawn[p])]));
            for (var k = 0; k < test.Length; k++)
            {
                scores[test[k]] = testScores[k];
            }
        }

        return scores;
    }

    /// <summary>The calibrated log-odds −(A·score + B) of every row, in double from the pipeline's float scores.</summary>
    private static double[] LogOdds(ITransformer model, PlattScaling platt, PatientTable rows) =>
        [.. Trainer.Scores(model, rows).Select(s => -((platt.A * s) + platt.B))];

    /// <summary>The manifest's description of the interval.</summary>
    public static IntervalInfo Info(IntervalEstimate estimate, string termsOutput, int folds)
    {
        var p = estimate.Design.Size;
        return new IntervalInfo(
            IntervalEstimate.Level,
            IntervalEstimate.Z,
            termsOutput,
            [.. estimate.Design.TermNames],
            estimate.Design.Centers,
            [.. estimate.Design.MissingNames],
            [.. Enumerable.Range(0, p).Select(i => (IReadOnlyList<double>)[.. Enumerable.Range(0, p).Select(j => estimate.Covariance[i, j])])],
            estimate.Replicates,
            estimate.Coverage,
            $"Normal interval on the log-odds, σ(η ± {IntervalEstimate.Z:0.00}·√(zᵀΣz)); Σ from {estimate.Replicates} bootstrap replicates of the whole pipeline " +
            $"(terms, population-weighted imputation, standardisation, direction constraints, Platt calibration on each replicate's own {folds}-fold out-of-fold scores, " +
            "prior shift), about the served model's coefficients; the L2 penalty held at the value chosen on all rows.");
    }
}
