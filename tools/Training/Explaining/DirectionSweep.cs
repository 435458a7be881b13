using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;

namespace HealthOracle.Training.Explaining;

/// <summary>How a model answered one input of the direction table, swept over its valid range.</summary>
/// <param name="Field">The input.</param>
/// <param name="Expected">The clinically expected direction.</param>
/// <param name="WorstReversal">The largest step against the expected direction, in probability (0 when it never reverses).</param>
/// <param name="Effect">The largest change over the whole range on any base patient, in probability (0 when the model gives the input no weight).</param>
internal sealed record DirectionResult(string Field, Direction Expected, double WorstReversal, double Effect)
{
    /// <summary>Steps smaller than this are float32 rounding, not a direction.</summary>
    public const double Tolerance = 1e-6;

    public bool Follows => WorstReversal <= Tolerance;

    public bool HasWeight => Effect > Tolerance;
}

/// <summary>
/// Sweeps every input that has a clinically expected direction over its valid range (41 points, every code,
/// or every whole number of a short integer range) on a grid of base patients (the reference, the healthy
/// example and training rows spread over the table), holding the others, and measures how far the model's
/// probability ever moves against the expected direction. A step that would break a rule between fields
/// (direct bilirubin above the total) is left out.
/// </summary>
internal static class DirectionSweep
{
    public const int Points = 41;

    public const int TrainingRows = 24;

    /// <summary>The base patients: the reference, the healthy example (if any) and rows spread evenly over the table.</summary>
    public static IReadOnlyList<float[]> BasePatients(PatientTable table, IReadOnlyList<double> reference, HealthyExample? healthy)
    {
        var patients = new List<float[]> { reference.Select(v => (float)v).ToArray() };
        if (healthy is not null)
        {
            patients.Add(table.Disease.Fields.Select(f => (float)healthy.Values[f.Name]).ToArray());
        }

        var step = Math.Max(1, table.Count / TrainingRows);
        for (var i = 0; i < table.Count && patients.Count < TrainingRows + 2; i += step)
        {
            patients.Add(table.Rows[i]);
        }

        return patients;
    }

    public static IReadOnlyList<DirectionResult> Run(DiseaseDefinition disease, IReadOnlyList<float[]> patients, Func<IReadOnlyList<float[]>, double[]> score)
    {
        var sweeps = new List<(int Field, int Patient, float[][] Rows)>();
        for (var f = 0; f < disease.Fields.Count; f++)
        {
            if (disease.Fields[f].Expected is null)
            {
                continue;
            }

            for (var p = 0; p < patients.Count; p++)
            {
                var rows = Grid(disease.Fields[f]).Select(v => With(patients[p], f, v)).Where(r => Valid(disease, r)).ToArray();
                sweeps.Add((f, p, rows));
            }
        }

        var probabilities = score([.. sweeps.SelectMany(s => s.Rows)]);
        var results = new List<DirectionResult>();
        var at = 0;
        foreach (var field in sweeps.GroupBy(s => s.Field))
        {
            var definition = disease.Fields[field.Key];
            var sign = definition.Expected!.Direction == Direction.Raises ? 1 : -1;
            double reversal = 0, effect = 0;
            foreach (var sweep in field)
            {
                var values = probabilities.AsSpan(at, sweep.Rows.Length);
                at += sweep.Rows.Length;
                for (var i = 1; i < values.Length; i++)
                {
                    reversal = Math.Max(reversal, -sign * (values[i] - values[i - 1]));
                }

                if (values.Length > 1)
                {
                    effect = Math.Max(effect, Math.Abs(values[^1] - values[0]));
                }
            }

            results.Add(new DirectionResult(definition.Name, definition.Expected.Direction, reversal, effect));
        }

        return results;
    }

    /// <summary>The values an input is swept over, in increasing order.</summary>
    public static IEnumerable<double> Grid(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Code => field.Codes!.Select(c => (double)c.Value).Order(),
        FieldKind.Integer when field.Max - field.Min <= Points => Enumerable.Range((int)field.Min, (int)(field.Max - field.Min) + 1).Select(v => (double)v),
        _ => Enumerable.Range(0, Points).Select(i => field.Min + ((field.Max - field.Min) * i / (Points - 1))).Select(v => field.Kind == FieldKind.Integer ? Math.Round(v) : v).Distinct(),
    };

    private static float[] With(float[] patient, int field, double value)
    {
        var row = (float[])patient.Clone();
        row[field] = (float)value;
        return row;
    }

    private static bool Valid(DiseaseDefinition disease, float[] row) =>
        disease.Rules.All(rule => !(row[disease.IndexOf(rule.Field)] > row[disease.IndexOf(rule.Limit)]));
}
