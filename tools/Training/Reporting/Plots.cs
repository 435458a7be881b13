using HealthOracle.Training.Modeling;
using ScottPlot;

namespace HealthOracle.Training.Reporting;

/// <summary>ROC and calibration plots of out-of-fold predictions (PNG, via ScottPlot).</summary>
internal static class Plots
{
    private const int Width = 640;
    private const int Height = 480;

    public static void Roc(string path, string title, params CrossValidationResult[] results)
    {
        var plot = new Plot();
        foreach (var result in results)
        {
            var (fpr, tpr) = RocCurve(result.Probabilities, result.Labels);
            var line = plot.Add.ScatterLine(fpr, tpr);
            line.LegendText = $"{result.Candidate.Name} (AUC {result.Auc:0.000})";
            line.LineWidth = 2;
        }

        Diagonal(plot);
        plot.Title(title);
        plot.XLabel("False positive rate (1 − specificity)");
        plot.YLabel("True positive rate (sensitivity)");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    public static void Calibration(string path, string title, params CrossValidationResult[] results)
    {
        var plot = new Plot();
        foreach (var result in results)
        {
            var (predicted, observed) = Deciles(result.Probabilities, result.Labels);
            var line = plot.Add.Scatter(predicted, observed);
            line.LegendText = $"{result.Candidate.Name} (Brier {result.Brier:0.000})";
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }

        Diagonal(plot);
        plot.Title(title);
        plot.XLabel("Predicted probability (mean of decile)");
        plot.YLabel("Observed frequency");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    /// <summary>Net benefit against the threshold probability: the model, treating everyone, and treating no one.</summary>
    public static void DecisionCurve(string path, string title, string model, IReadOnlyList<DecisionPoint> points)
    {
        var plot = new Plot();
        var thresholds = points.Select(p => p.Threshold * 100).ToArray();
        var modelLine = plot.Add.ScatterLine(thresholds, points.Select(p => p.Model).ToArray());
        modelLine.LegendText = model;
        modelLine.LineWidth = 2;
        var all = plot.Add.ScatterLine(thresholds, points.Select(p => p.TreatAll).ToArray());
        all.LegendText = "treat everyone";
        all.LineWidth = 2;
        all.LinePattern = LinePattern.Dashed;
        var none = plot.Add.Line(thresholds[0], 0, thresholds[^1], 0);
        none.LegendText = "treat no one";
        none.LinePattern = LinePattern.Dotted;
        none.Color = Colors.Gray;
        var top = Math.Max(points.Max(p => Math.Max(p.Model, p.TreatAll)), 0.02);
        plot.Title(title);
        plot.XLabel("Threshold probability (%)");
        plot.YLabel("Net benefit (true positives per patient, less false positives weighted by the threshold odds)");
        plot.Axes.SetLimits(thresholds[0], thresholds[^1], -Math.Max(0.02, top * 0.1), top * 1.1);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    private static void Diagonal(Plot plot)
    {
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
    }

    private static (double[] Fpr, double[] Tpr) RocCurve(double[] p, IReadOnlyList<bool> y)
    {
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ToArray();
        double positives = y.Count(v => v), negatives = y.Count - positives, tp = 0, fp = 0;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        for (var k = 0; k < order.Length; k++)
        {
            (tp, fp) = y[order[k]] ? (tp + 1, fp) : (tp, fp + 1);
            if (k == order.Length - 1 || p[order[k + 1]] != p[order[k]])
            {
                fpr.Add(fp / negatives);
                tpr.Add(tp / positives);
            }
        }

        return (fpr.ToArray(), tpr.ToArray());
    }

    private static (double[] Predicted, double[] Observed) Deciles(double[] p, IReadOnlyList<bool> y)
    {
        var order = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ToArray();
        var bins = Enumerable.Range(0, 10).Select(b => order[(b * order.Length / 10)..((b + 1) * order.Length / 10)]).Where(b => b.Length > 0).ToArray();
        return (bins.Select(b => b.Average(i => p[i])).ToArray(), bins.Select(b => b.Average(i => y[i] ? 1.0 : 0.0)).ToArray());
    }
}
