using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using HealthOracle.Training.Data;
using HealthOracle.Training.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HealthOracle.Training.Onnx;

/// <summary>
/// Converts a calibrated pipeline to ONNX and proves the graph is what the app expects: the disease's
/// fields as float inputs in order, a float output with the calibrated probability and a second with its
/// log-odds (<see cref="OnnxLogOdds"/>), and the same probabilities and log-odds as ML.NET on every training row.
/// </summary>
internal static class OnnxExporter
{
    public const double ParityTolerance = 1e-5;

    /// <summary>Writes the graph and returns its output's name.</summary>
    public static string Export(ITransformer model, PatientTable table, string path, int seed)
    {
        var ml = new MLContext(seed);
        // No Label column in the view: otherwise the graph would demand a Label input.
        IDataView view = new TableDataView(table, withLabel: false);
        var steps = Trainer.Steps(model).ToArray();
        using (var stream = new MemoryStream())
        {
            // ML.NET can export neither a logarithm nor the eGFR equation: export what follows the terms on the terms, then write the terms into the graph.
            if (steps is not [TermsTransformer terms, .. var rest])
            {
                throw new InvalidOperationException("Every candidate's pipeline starts with its terms.");
            }

            ml.Model.ConvertToOnnx(new TransformerChain<ITransformer>(rest), terms.Transform(view), stream, Trainer.ProbabilityColumn);
            File.WriteAllBytes(path, OnnxTerms.Prepend(stream.ToArray(), terms));
        }

        string probability;
        using (var exported = new InferenceSession(path))
        {
            probability = CheckSignature(exported, table.Disease);
        }

        File.WriteAllBytes(path, OnnxLogOdds.Expose(File.ReadAllBytes(path), probability));
        using var session = new InferenceSession(path);
        return CheckSignature(session, table.Disease, requireLogOdds: true);
    }

    /// <summary>
    /// The probability output's name, after checking inputs and outputs against the disease: the probability,
    /// and (when <paramref name="requireLogOdds"/>, or when present) <see cref="OnnxLogOdds.Output"/> beside it.
    /// </summary>
    public static string CheckSignature(InferenceSession session, DiseaseDefinition disease, bool requireLogOdds = false)
    {
        var expected = disease.InputNames.ToArray();
        var actual = session.InputNames.ToArray();
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidDataException($"ONNX inputs [{string.Join(", ", actual)}] are not the {disease.Key} disease's [{string.Join(", ", expected)}].");
        }

        foreach (var (name, meta) in session.InputMetadata)
        {
            if (meta.ElementDataType != TensorElementType.Float || meta.Dimensions is not [_, 1])
            {
                throw new InvalidDataException($"ONNX input {name} is {meta.ElementDataType} [{string.Join(",", meta.Dimensions)}], expected float [-1,1].");
            }
        }

        var probabilities = session.OutputNames.Where(n => n is not OnnxLogOdds.Output and not OnnxTerms.Output).ToArray();
        var hasLogOdds = session.OutputNames.Contains(OnnxLogOdds.Output);
        if (probabilities.Length != 1 || (requireLogOdds && !hasLogOdds) || session.OutputMetadata.Values.Any(m => m.ElementDataType != TensorElementType.Float))
        {
            throw new InvalidDataException(
                $"ONNX outputs [{string.Join(", ", session.OutputNames)}]: expected one float output, the probability{(requireLogOdds ? $", and its log-odds {OnnxLogOdds.Output}" : "")}.");
        }

        return probabilities[0];
    }

    /// <summary>Scores every row with ONNX Runtime in one batch of [rows, 1] inputs: the probability output.</summary>
    public static double[] Score(InferenceSession session, PatientTable table) =>
        Score(session, table, session.OutputNames.Single(n => n is not OnnxLogOdds.Output and not OnnxTerms.Output));

    /// <summary>Every row's value of one output, scored in one batch of [rows, 1] inputs.</summary>
    public static double[] Score(InferenceSession session, PatientTable table, string output)
    {
        var inputs = new List<OrtValue>();
        try
        {
            for (var column = 0; column < table.Disease.Fields.Count; column++)
            {
                var values = table.Rows.Select(r => r[column]).ToArray();
                inputs.Add(OrtValue.CreateTensorValueFromMemory(values, [values.Length, 1]));
            }

            using var options = new RunOptions();
            using var outputs = session.Run(options, session.InputNames, inputs, [output]);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray();
        }
        finally
        {
            inputs.ForEach(v => v.Dispose());
        }
    }

    /// <summary>Every row's values of a [rows, columns] output, row by row, scored in one batch.</summary>
    public static float[] Matrix(InferenceSession session, PatientTable table, string output, int columns)
    {
        var inputs = new List<OrtValue>();
        try
        {
            for (var column = 0; column < table.Disease.Fields.Count; column++)
            {
                var values = table.Rows.Select(r => r[column]).ToArray();
                inputs.Add(OrtValue.CreateTensorValueFromMemory(values, [values.Length, 1]));
            }

            using var options = new RunOptions();
            using var outputs = session.Run(options, session.InputNames, inputs, [output]);
            var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            return data.Length == table.Count * columns
                ? data
                : throw new InvalidDataException($"{output} has {data.Length} values for {table.Count} rows of {columns}.");
        }
        finally
        {
            inputs.ForEach(v => v.Dispose());
        }
    }

    /// <summary>
    /// The largest |ONNX − ML.NET| probability over the rows; throws when it exceeds the tolerance, or when the
    /// graph's log-odds differ from the calibration's −(A·score + B) on ML.NET's scores by more than
    /// <see cref="ParityTolerance"/> relative to their size.
    /// </summary>
    public static double CheckParity(string path, ITransformer model, PatientTable table, PlattScaling platt)
    {
        table = WithAbsentCodesFilled(table);
        using var session = new InferenceSession(path);
        var onnx = Score(session, table);
        var mlnet = Trainer.Probabilities(model, table);
        var worst = onnx.Zip(mlnet, (a, b) => Math.Abs(a - b)).Max();
        if (!(worst <= ParityTolerance))
        {
            throw new InvalidDataException($"ONNX and ML.NET disagree by {worst:G3} (> {ParityTolerance:G1}) on the {table.Disease.Key} training rows.");
        }

        var logOdds = Score(session, table, OnnxLogOdds.Output);
        var expected = Trainer.Scores(model, table).Select(s => -(platt.A * s + platt.B)).ToArray();
        var worstLogOdds = logOdds.Zip(expected, (a, b) => Math.Abs(a - b) / Math.Max(1, Math.Abs(b))).Max();
        if (!(worstLogOdds <= ParityTolerance))
        {
            throw new InvalidDataException($"The graph's log-odds and the calibration's differ by {worstLogOdds:G3} (relative, > {ParityTolerance:G1}) on the {table.Disease.Key} training rows.");
        }

        return worst;
    }

    /// <summary>
    /// The rows, and again with each code of every coded field the data lack (sex for kidney, used by its eGFR) filled in,
    /// so that the parity check also covers what callers send and the training rows never have.
    /// </summary>
    public static PatientTable WithAbsentCodesFilled(PatientTable table)
    {
        var fields = table.Disease.Fields;
        var absent = Enumerable.Range(0, fields.Count).Where(f => fields[f].Codes is not null && table.Rows.All(r => float.IsNaN(r[f]))).ToArray();
        if (absent.Length == 0)
        {
            return table;
        }

        var rows = new List<float[]>(table.Rows);
        foreach (var f in absent)
        {
            foreach (var code in fields[f].Codes!)
            {
                rows.AddRange(table.Rows.Select(r => { var copy = (float[])r.Clone(); copy[f] = code.Value; return copy; }));
            }
        }

        return new PatientTable(table.Disease, rows, [.. rows.Select((_, i) => i < table.Count && table.Labels[i])], []);
    }
}
