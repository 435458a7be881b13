using HealthOracle.Diseases;
using HealthOracle.Diseases.Fields;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace HealthOracle.Training.Modeling;

/// <summary>
/// An L2 logistic regression in which every input with a clinically expected direction (the disease's
/// direction table) gets a weight of that sign or none, found with ML.NET's own L-BFGS trainer by an active
/// set: fit on the inputs in the set; while a directed weight has the wrong sign, drop the input whose wrong
/// weight is largest (in standardised units) and refit; once every sign is right, bring back a dropped input
/// whose loss gradient says its allowed direction would lower the loss (the optimality condition of the
/// sign-constrained problem), and go on until none does. A dropped input stays an input of the graph (it is
/// still imputed) with no weight, so its contribution is exactly zero.
/// </summary>
/// <remarks>
/// ln(x + 1) and standardisation are increasing, so the sign of a weight is the direction of its raw input; a derived
/// term that falls as its field rises (eGFR as creatinine rises) is held to the opposite sign. Only the features (the
/// fields the training plan does not leave unweighted) take part.
/// The result is the exact optimum of the sign-constrained problem when the loop ends on the optimality check;
/// a loop that would revisit a set of inputs ends on the current (sign-correct) fit instead.
/// </remarks>
internal sealed class MonotoneLogisticEstimator(MLContext ml, TermShape shape, float l2) : IEstimator<ITransformer>
{
    public ITransformer Fit(IDataView input)
    {
        // The features' terms; a term that falls as its field rises (eGFR of creatinine) takes the opposite sign.
        var names = shape.FeatureNames.ToArray();
        var signs = shape.Features.Select(f => SignOf(shape.Disease.Fields[f]) * shape.Monotonicity(f)).ToArray();
        var included = Enumerable.Range(0, names.Length).ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var model = Candidates.Linear(ml, shape.Disease, [.. included.Select(i => names[i])], l2).Fit(input);
            visited.Add(string.Join(',', included));
            var weights = Weights(model);
            var worst = -1;
            var worstMagnitude = 0.0;
            for (var k = 0; k < included.Count; k++)
            {
                if (signs[included[k]] * weights[k] < 0 && Math.Abs(weights[k]) > worstMagnitude)
                {
                    (worst, worstMagnitude) = (k, Math.Abs(weights[k]));
                }
            }

            if (worst >= 0 && included.Count > 1)
            {
                included.RemoveAt(worst);
                continue;
            }

            var back = Reentering(input, model, names, signs, included);
            if (back < 0 || visited.Contains(string.Join(',', included.Append(back).Order())))
            {
                return model;
            }

            included.Add(back);
            included.Sort();
        }
    }

    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        Candidates.Linear(ml, shape.Disease, [.. shape.FeatureNames], l2).GetOutputSchema(inputSchema);

    private static int SignOf(FieldDefinition field) => field.Expected?.Direction switch
    {
        Direction.Raises => 1,
        Direction.Lowers => -1,
        _ => 0,
    };

    private static float[] Weights(ITransformer model) =>
        Trainer.Steps(model).Last() is BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> linear
            ? [.. linear.Model.SubModel.Weights]
            : throw new InvalidOperationException("The linear pipeline did not end in a calibrated linear model.");

    /// <summary>
    /// The dropped directed input whose allowed direction lowers the loss most steeply, or -1 when none does. With
    /// an unpenalised bias the residuals sum to zero, so the gradient's sign needs neither centring nor scaling:
    /// it is the sign of Σ (p − y)·x over the rows, x the (mean-imputed) input; its size is compared per standard deviation.
    /// </summary>
    private static int Reentering(IDataView input, ITransformer model, string[] names, int[] signs, List<int> included)
    {
        var dropped = Enumerable.Range(0, names.Length).Where(i => signs[i] != 0 && !included.Contains(i)).ToArray();
        if (dropped.Length == 0)
        {
            return -1;
        }

        var probabilities = model.Transform(input).GetColumn<float>(Trainer.ProbabilityColumn).ToArray();
        var labels = input.GetColumn<bool>(TableDataView.LabelColumn).ToArray();
        var best = -1;
        var steepest = 0.0;
        foreach (var i in dropped)
        {
            var values = input.GetColumn<float>(names[i]).ToArray();
            var present = values.Where(v => !float.IsNaN(v)).Select(v => (double)v).ToArray();
            var mean = present.Average();
            var sd = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, present.Length - 1));
            if (sd == 0)
            {
                continue;
            }

            var gradient = 0.0;
            for (var r = 0; r < values.Length; r++)
            {
                gradient += (probabilities[r] - (labels[r] ? 1 : 0)) * (float.IsNaN(values[r]) ? mean : values[r]);
            }

            // Moving the weight in its allowed direction lowers the loss when the gradient points the other way.
            var slope = -signs[i] * gradient / sd;
            if (slope > 1e-6 * values.Length && slope > steepest)
            {
                (best, steepest) = (i, slope);
            }
        }

        return best;
    }
}
