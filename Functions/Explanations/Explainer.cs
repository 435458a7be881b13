using HealthOracle.Diseases;
using HealthOracle.Functions.Models;
using Microsoft.Extensions.Logging;

namespace HealthOracle.Functions.Explanations;

/// <summary>
/// Explains predictions with the served model itself, in the same lease: every input's exact Shapley value
/// (percentage points from the reference patient the manifest names), and for every changeable input away from its
/// healthy target the estimate with that input at the target.
/// </summary>
/// <remarks>
/// An input whose value equals the reference's changes nothing in any coalition, so its value is exactly 0 and the
/// others are computed over the m inputs that differ. When the manifest says the model's log-odds are a sum of one
/// term per input and the graph gives its log-odds, one row per differing input (the reference with that input
/// alone changed) gives every term, and the 2ᵐ coalitions follow by addition (<see cref="ShapleyValues.FromLogOdds"/>);
/// the patient's own log-odds must then equal the reference's plus the terms, which checks the claim on every
/// request. Otherwise, or when that check fails, all 2ᵐ coalitions are scored through the session in one run.
/// All rows of a request (reference, patients, single changes, what-ifs) go through one ONNX run.
/// </remarks>
internal sealed partial class Explainer(ILogger<Explainer> logger)
{
    /// <summary>Explains <paramref name="count"/> validated patients (<paramref name="values"/> row-major in field order, NaN where not given).</summary>
    public PatientExplanation[] Explain(DiseaseDefinition disease, LoadedModel model, double[] values, int count, ReadOnlySpan<float> probabilities)
    {
        var n = disease.Fields.Count;
        var reference = model.Entry.Explanation?.Reference;
        var additive = reference is not null && model.Entry.Explanation!.Additive && model.HasLogOdds;
        var rows = new RowBuffer(n, count * (n + 3));
        var referenceRow = reference is null ? null : reference.Select(v => (float)v).ToArray();
        if (referenceRow is not null)
        {
            rows.Add(referenceRow);
        }

        var plans = new Plan[count];
        var patient = new float[n];
        for (var p = 0; p < count; p++)
        {
            for (var f = 0; f < n; f++)
            {
                patient[f] = (float)values[(p * n) + f];
            }

            var differing = referenceRow is null ? [] : Differing(patient, referenceRow);
            var patientRow = -1;
            var firstSingle = rows.Count;
            if (additive)
            {
                patientRow = rows.Add(patient);
                firstSingle = rows.Count;
                foreach (var f in differing)
                {
                    rows.AddWith(referenceRow!, f, patient[f]);
                }
            }

            var firstWhatIf = rows.Count;
            var whatIf = new List<int>();
            for (var f = 0; f < n; f++)
            {
                var value = values[(p * n) + f];
                if (disease.Fields[f].Target is { } target && !double.IsNaN(value) && !target.Contains(value))
                {
                    rows.AddWith(patient, f, (float)target.Nearest(value));
                    whatIf.Add(f);
                }
            }

            plans[p] = new Plan(differing, (float[])patient.Clone(), values.AsSpan(p * n, n).ToArray(), patientRow, firstSingle, firstWhatIf, whatIf);
        }

        var scored = rows.Score(model, additive);
        var results = new PatientExplanation[count];
        // The 2ᵐ coalitions of the additive path: one buffer for the whole batch, for its largest m.
        var scratch = additive ? new double[1 << plans.Max(plan => plan.Differing.Length)] : null;
        for (var p = 0; p < count; p++)
        {
            var plan = plans[p];
            var risk = Risk.Percentage(probabilities[p]);
            var whatIf = plan.WhatIf.Select((f, k) => WhatIf(disease, plan, f, scored.Probabilities[plan.FirstWhatIf + k], risk)).ToArray();
            if (referenceRow is null)
            {
                results[p] = new PatientExplanation(null, null, whatIf);
                continue;
            }

            var phi = (additive ? FromTerms(plan, scored, scratch!) : null) ?? Generic(model, plan, referenceRow);
            var baseline = Risk.Percentage(scored.Probabilities[0]);
            results[p] = new PatientExplanation(baseline, Factors(disease, plan, reference!, phi, risk - baseline), whatIf);
        }

        return results;
    }

    /// <summary>Shapley values (probability) from the additive terms, or null when the patient's log-odds are not the reference's plus the terms.</summary>
    private double[]? FromTerms(Plan plan, Scored scored, double[] scratch)
    {
        var m = plan.Differing.Length;
        var baseLogOdds = (double)scored.LogOdds[0];
        var d = new double[m];
        var sum = baseLogOdds;
        var magnitude = Math.Abs(baseLogOdds);
        for (var k = 0; k < m; k++)
        {
            var single = (double)scored.LogOdds[plan.FirstSingle + k];
            d[k] = single - baseLogOdds;
            sum += d[k];
            magnitude += Math.Abs(single);
        }

        var patient = (double)scored.LogOdds[plan.PatientRow];
        // float32 log-odds carry about 7 significant digits; a model that is not additive misses by far more.
        if (double.IsNaN(patient) || Math.Abs(sum - patient) > 1e-4 + (4e-7 * (magnitude + Math.Abs(patient))))
        {
            LogNotAdditive(logger, plan.Differing.Length);
            return null;
        }

        var phi = new double[m];
        ShapleyValues.FromLogOdds(baseLogOdds, d, phi, scratch);
        return phi;
    }

    /// <summary>Shapley values (probability) from all 2ᵐ coalitions of the differing inputs, scored in one run.</summary>
    private static double[] Generic(LoadedModel model, Plan plan, float[] reference)
    {
        var m = plan.Differing.Length;
        if (m > ShapleyValues.MaxPlayers)
        {
            throw new InvalidOperationException($"{m} differing inputs: more than the {ShapleyValues.MaxPlayers} exact Shapley values are computed for.");
        }

        var count = 1 << m;
        var rows = new RowBuffer(reference.Length, count);
        var row = new float[reference.Length];
        for (var t = 0; t < count; t++)
        {
            reference.CopyTo(row, 0);
            for (var k = 0; k < m; k++)
            {
                if ((t & (1 << k)) != 0)
                {
                    row[plan.Differing[k]] = plan.Patient[plan.Differing[k]];
                }
            }

            rows.Add(row);
        }

        var coalitions = rows.Score(model, withLogOdds: false).Probabilities.Select(v => (double)v).ToArray();
        var phi = new double[m];
        ShapleyValues.FromCoalitions(coalitions, phi);
        return phi;
    }

    private static Factor[] Factors(DiseaseDefinition disease, Plan plan, IReadOnlyList<double> reference, double[] phi, double total)
    {
        var points = new double[disease.Fields.Count];
        for (var k = 0; k < plan.Differing.Length; k++)
        {
            points[plan.Differing[k]] = phi[k] * 100;
        }

        var rounded = ContributionRounding.Round(points, total);
        return
        [
            .. disease.Fields
                .Select((field, f) => new Factor(
                    field.Name,
                    field.Label,
                    double.IsNaN(plan.Values[f]) ? null : plan.Values[f],
                    reference[f],
                    rounded[f],
                    rounded[f] > 0 ? "raises" : rounded[f] < 0 ? "lowers" : "none") { Note = field.FactorNote })
                .Select((factor, f) => (factor, f))
                .OrderByDescending(x => Math.Abs(x.factor.Contribution))
                .ThenByDescending(x => Math.Abs(points[x.f]))
                .ThenBy(x => x.f)
                .Select(x => x.factor),
        ];
    }

    private static WhatIfResult WhatIf(DiseaseDefinition disease, Plan plan, int field, float probability, double risk)
    {
        var definition = disease.Fields[field];
        var value = plan.Values[field];
        var percentage = Risk.Percentage(probability);
        return new WhatIfResult(definition.Name, definition.Label, value, definition.Target!.Nearest(value), percentage,
            Risk.Categorize(percentage), Math.Round(percentage - risk, 2, MidpointRounding.AwayFromZero));
    }

    private static int[] Differing(float[] patient, float[] reference)
    {
        var differing = new List<int>(patient.Length);
        for (var f = 0; f < patient.Length; f++)
        {
            if (!(patient[f] == reference[f] || (float.IsNaN(patient[f]) && float.IsNaN(reference[f]))))
            {
                differing.Add(f);
            }
        }

        return [.. differing];
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "A model declared additive did not add up for a patient with {Differing} differing inputs; scored every coalition instead")]
    private static partial void LogNotAdditive(ILogger logger, int differing);

    /// <summary>What one patient needs: the inputs that differ from the reference, its row as the model sees it and as sent, and where its rows are.</summary>
    private sealed record Plan(int[] Differing, float[] Patient, double[] Values, int PatientRow, int FirstSingle, int FirstWhatIf, List<int> WhatIf);

    private sealed record Scored(float[] Probabilities, float[] LogOdds);

    /// <summary>Rows to score, row by row; scored as the model's column-major [rows, 1] inputs in one run.</summary>
    private sealed class RowBuffer(int fields, int capacity)
    {
        private readonly List<float> _values = new(fields * capacity);

        public int Count => _values.Count / fields;

        public int Add(ReadOnlySpan<float> row)
        {
            _values.AddRange(row);
            return Count - 1;
        }

        public void AddWith(ReadOnlySpan<float> row, int field, float value)
        {
            var at = _values.Count;
            _values.AddRange(row);
            _values[at + field] = value;
        }

        public Scored Score(LoadedModel model, bool withLogOdds)
        {
            var rows = Count;
            var columns = new float[_values.Count];
            for (var r = 0; r < rows; r++)
            {
                for (var f = 0; f < fields; f++)
                {
                    columns[(f * rows) + r] = _values[(r * fields) + f];
                }
            }

            var probabilities = new float[rows];
            var logOdds = withLogOdds ? new float[rows] : [];
            if (rows == 0)
            {
                return new Scored(probabilities, logOdds);
            }

            if (withLogOdds)
            {
                model.ScoreWithLogOdds(columns, rows, probabilities, logOdds);
            }
            else
            {
                model.Score(columns, rows, probabilities);
            }

            return new Scored(probabilities, logOdds);
        }
    }
}
