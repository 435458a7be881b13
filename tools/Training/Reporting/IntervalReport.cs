using HealthOracle.Diseases;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using HealthOracle.Training.Onnx;
using HealthOracle.Training.Uncertainty;
using Microsoft.ML.OnnxRuntime;

namespace HealthOracle.Training.Reporting;

/// <summary>One patient's estimate and its 95% interval, as the app will answer it.</summary>
internal sealed record IntervalExample(string Patient, double Probability, double Lower, double Upper);

/// <summary>What the card says about the intervals: how they were made, their measured coverage, their widths and examples.</summary>
internal sealed record IntervalReport(
    int Replicates,
    int ValidationReplicates,
    int ValidationPredictions,
    double Coverage,
    double MedianWidthPoints,
    double WidestTenthPoints,
    IReadOnlyList<IntervalExample> Examples)
{
    /// <summary>
    /// The report, after checking that the graph's terms output is the design's terms on every training row (so that the
    /// app, which reads the terms from the graph, computes the intervals training validated).
    /// </summary>
    public static IntervalReport From(IntervalEstimate estimate, DiseaseDefinition disease, PatientTable table, string onnxPath, double[] reference, TrainingRun.Checked served)
    {
        using var session = new InferenceSession(onnxPath);
        CheckTerms(session, estimate.Design, table);
        var rows = new List<(string Name, float[] Row)> { ("the reference patient", [.. reference.Select(v => (float)v)]) };
        if (disease.Healthy is { } healthy)
        {
            rows.Add(("the textbook-healthy person", [.. disease.Fields.Select(f => (float)healthy.Values[f.Name])]));
        }

        rows.AddRange(disease.Cases.Select(c => (c.Description, TrainingRun.CaseRow(disease, c))));
        var examples = Scored(session, table, estimate, [.. rows.Select(r => r.Row)])
            .Select((s, i) => new IntervalExample(rows[i].Name, s.Probability, s.Lower, s.Upper))
            .ToArray();
        var widths = Scored(session, table, estimate, table.Rows).Select(s => (s.Upper - s.Lower) * 100).Order().ToArray();
        return new IntervalReport(
            estimate.Replicates,
            estimate.Coverage.Replicates,
            estimate.Coverage.Predictions,
            estimate.Coverage.Covered,
            widths[widths.Length / 2],
            widths[(int)(widths.Length * 0.9)],
            examples);
    }

    private static IEnumerable<(double Probability, double Lower, double Upper)> Scored(InferenceSession session, PatientTable table, IntervalEstimate estimate, IReadOnlyList<float[]> rows)
    {
        var batch = new PatientTable(table.Disease, rows, [.. rows.Select(_ => false)], []);
        var logOdds = OnnxExporter.Score(session, batch, OnnxLogOdds.Output);
        return rows.Select((row, i) =>
        {
            var (lower, upper) = estimate.Interval(logOdds[i], row);
            return (IntervalEstimate.Sigmoid(logOdds[i]), lower, upper);
        });
    }

    private static void CheckTerms(InferenceSession session, IntervalDesign design, PatientTable table)
    {
        var probe = OnnxExporter.WithAbsentCodesFilled(table);
        var columns = design.Terms;
        var graph = OnnxExporter.Matrix(session, probe, OnnxTerms.Output, columns);
        var z = new double[design.Size];
        for (var r = 0; r < probe.Count; r++)
        {
            design.Fill(probe.Rows[r], z);
            for (var j = 0; j < columns; j++)
            {
                var expected = z[1 + j] + design.Centers[j];
                var actual = (double)graph[(r * columns) + j];
                var missing = float.IsNaN(graph[(r * columns) + j]);
                var agrees = missing ? z[1 + j] == 0 : Math.Abs(actual - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected));
                if (!agrees)
                {
                    throw new InvalidDataException($"{table.Disease.Key}: the graph's {OnnxTerms.Output} differs from the terms on row {r}, column {j} ({actual} against {expected}).");
                }
            }
        }
    }
}

/// <summary>One field's missing values in the training rows and what a missing value becomes (TRIPOD+AI item 11).</summary>
internal sealed record MissingReport(string Field, int Missing, bool Required, bool Weighted, TermKind Term, double Imputed)
{
    public static IReadOnlyList<MissingReport> From(PatientTable table, TermsTransformer terms)
    {
        var shape = terms.Shape;
        return [.. table.Disease.Fields.Select((field, f) => new MissingReport(
            field.Name,
            table.Rows.Count(r => float.IsNaN(r[f])),
            field.Required,
            shape.Features.Contains(f),
            shape.Kinds[f],
            terms.Imputation[f]))];
    }
}
